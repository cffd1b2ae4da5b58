// The offline slideshow export: one Leaflet map, the unit shapes once, one holder table per frame.
// The page carries its data as JSON in the element #atlas-data; buttons, the
// arrow keys, Page Up/Down and Space (a presentation clicker) step between frames.
(function (root) {
  "use strict";

  const NEXT_KEYS = ["ArrowRight", "PageDown", " ", "Spacebar"];
  const PREVIOUS_KEYS = ["ArrowLeft", "PageUp"];

  /** The frame a step lands on: never before the first nor after the last. */
  function clampFrame(n, count) {
    return Math.max(0, Math.min(count - 1, n));
  }

  /** +1, -1 or 0 for a key name, so a clicker's keys step the slideshow. */
  function stepForKey(key) {
    if (NEXT_KEYS.indexOf(key) >= 0) return 1;
    if (PREVIOUS_KEYS.indexOf(key) >= 0) return -1;
    return 0;
  }

  /** Frame number from a location hash ("#3" is the third frame); anything else is the first. */
  function frameFromHash(hash) {
    return (parseInt(String(hash).slice(1), 10) || 1) - 1;
  }

  /** Leaflet style of one unit: holder colour, chosen regions thick, claims dashed. */
  function unitStyle(holder, chosen, showClaims) {
    const h = holder || {};
    return {
      color: chosen ? "#111" : "#555",
      weight: chosen ? 3 : 0.7,
      fillColor: h.c || "#ccc",
      fillOpacity: h.s === "occupied" ? 0.55 : 0.8,
      dashArray: h.k && showClaims ? "6 4" : null,
    };
  }

  function tooltip(doc, feature, holders) {
    const h = holders[feature.id] || {};
    const div = doc.createElement("div");
    const name = doc.createElement("b");
    name.textContent = feature.properties.name;
    div.appendChild(name);
    div.appendChild(doc.createElement("br"));
    div.appendChild(doc.createTextNode((h.h || "") + " (" + (h.s || "") + ")"));
    return div;
  }

  function start(doc, win) {
    const data = JSON.parse(doc.getElementById("atlas-data").textContent);
    const map = L.map("map", { zoomSnap: 0.25, fullscreenControl: true });
    // The basemap layers in the app map's own styles (geo.web.mapview.BASEMAP_STYLES).
    for (const name of Object.keys(data.basemap)) {
      L.geoJSON(data.basemap[name], { interactive: false, style: data.basemapStyles[name] }).addTo(map);
    }
    const count = data.frames.length;
    let current = -1;
    let layer = null;

    function text(id, value) {
      const el = doc.getElementById(id);
      el.textContent = value;
      el.style.display = value ? "" : "none";
    }

    function show(wanted) {
      const n = clampFrame(wanted, count);
      if (n === current) return;
      current = n;
      const f = data.frames[n];
      if (layer) map.removeLayer(layer);
      layer = L.geoJSON(data.shapes, {
        style: (feat) => unitStyle(f.holders[feat.id], f.regions.indexOf(feat.id) >= 0, f.claims),
        onEachFeature: (feat, lyr) => lyr.bindTooltip(tooltip(doc, feat, f.holders), { sticky: true }),
      }).addTo(map);
      const b = f.bounds;
      map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);
      text("frame-date", f.date);
      text("frame-title", f.title);
      text("frame-caption", f.caption);
      text("frame-citation", f.citation);
      text("frame-question", f.question);
      text("frame-counter", count > 1 ? (n + 1) + " / " + count : "");
      doc.getElementById("prev").disabled = n === 0;
      doc.getElementById("next").disabled = n === count - 1;
      if (count > 1) win.history.replaceState(null, "", "#" + (n + 1));
    }

    doc.getElementById("prev").onclick = () => show(current - 1);
    doc.getElementById("next").onclick = () => show(current + 1);
    doc.addEventListener("keydown", (e) => {
      const step = stepForKey(e.key);
      if (step === 0) return;
      show(current + step);
      e.preventDefault();
    });
    if (count < 2) {
      doc.getElementById("prev").style.display = "none";
      doc.getElementById("next").style.display = "none";
    }
    show(frameFromHash(win.location.hash));
    win.atlasMap = map;
  }

  const api = { clampFrame, stepForKey, frameFromHash, unitStyle, start };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.AtlasSlideshow = api;
    start(root.document, root);
  }
})(typeof window !== "undefined" ? window : globalThis);
