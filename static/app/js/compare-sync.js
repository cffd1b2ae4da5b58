// Compare page: keeps the two maps in step. Installed once in the app page (see
// app_pages/common.page_script); the map frames are same-origin, so every move of one Leaflet
// map is mirrored onto the other. Frames are replaced on reruns, so new maps are linked by a
// light poll.
"use strict";

(function (root) {
  const FRAMES = '.st-key-compare_maps iframe[title="streamlit_folium.st_folium"]';
  const POLL_MS = 400;

  /** The Leaflet maps of the frames that have one (a loading frame has none yet). */
  function mapsOf(frames) {
    const out = [];
    frames.forEach((frame) => {
      try {
        if (frame.contentWindow && frame.contentWindow.map) { out.push(frame.contentWindow.map); }
      } catch {
        // a frame that is still loading
      }
    });
    return out;
  }

  function maps() {
    return mapsOf(root.document.querySelectorAll(FRAMES));
  }

  function link() {
    const all = maps();
    if (all.length < 2) { return; }
    all.forEach((m) => {
      if (m.__atlasSynced) { return; }
      m.__atlasSynced = true;
      m.on("move", () => {
        if (m.__atlasFollowing) { return; }
        maps().forEach((other) => {
          if (other === m) { return; }
          other.__atlasFollowing = true;
          other.setView(m.getCenter(), m.getZoom(), { animate: false });
          other.__atlasFollowing = false;
        });
      });
    });
  }

  const api = { mapsOf, link };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.setInterval(link, POLL_MS);
  }
})(typeof window !== "undefined" ? window : globalThis);
