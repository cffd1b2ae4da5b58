// The Atlas map frame's files, started from the app page itself while Streamlit is still
// drawing the page (app_pages/atlas_base.preload). streamlit-folium's frame loads its scripts
// one after another, then its style sheets, and only then does the map fetch its data; started
// here they download side by side, earlier, and the frame finds them in the browser's cache.
// Data files are fetched exactly as atlas-map.js fetches them (same request, same cache entry)
// and read to the end, so the whole response is cached.
"use strict";

(function (root) {
  /** The [url, kind] pairs of ``files`` that this page has not started yet, each once, in order. */
  function pending(files, started) {
    const seen = new Set(Object.keys(started));
    return files.filter(([href]) => !seen.has(href) && Boolean(seen.add(href)));
  }

  function start(doc, href, kind) {
    if (kind === "fetch") {
      return fetch(href).then((response) => (response.ok ? response.arrayBuffer() : null))
        .catch(() => null);
    }
    const link = doc.createElement("link");
    link.rel = "preload";
    link.as = kind;
    link.href = href;
    doc.head.appendChild(link);
    return link;
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { pending };
    return;
  }
  const me = root.document.currentScript;
  if (!me) { return; }
  const started = (root.atlasPreload = root.atlasPreload || {});
  pending(JSON.parse(me.dataset.files), started).forEach(([href, kind]) => {
    started[href] = start(root.document, href, kind);
  });
})(typeof window !== "undefined" ? window : globalThis);
