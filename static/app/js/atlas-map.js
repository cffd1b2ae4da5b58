// The Atlas map's own code, loaded into streamlit-folium's map frame next to Leaflet.
//
// Python (geo/web/mapview) only writes one-line calls into the map script, with the data of
// the moment as JSON: AtlasMap.urlLayer(...), AtlasMap.focusLabels(...), AtlasMap.zoomClasses(...),
// AtlasMap.styler(...) on every state update and AtlasMap.dayPainter(...) once per frame.
// Text from the data is always set with textContent, never parsed as markup.
// The pure helpers at the top are exported to node for tests/js/atlas-map.test.mjs.
"use strict";

(function (root) {
  // The map's words in English; the server sends them in the reader's language with every
  // state (``words``, geo/web/mapview/words.py), and any word it leaves out stays English.
  const ENGLISH = {
    heldBy: "Held by", status: "Status", claim: "Claim", note: "Note",
    modern: "context area drawn at its modern outline", uncertain: "boundary or dates uncertain",
    heldByName: "held by {holder}", zoomIn: "Zoom in", zoomOut: "Zoom out",
  };
  const SELECTED_STYLE = { color: "#000000", weight: 4, fill: false };
  const HOVER_STYLE = { weight: 3, color: "#000000" };
  const HIDDEN_STYLE = { stroke: false, fill: false };

  // --- pure helpers ------------------------------------------------------------------------

  /** The server's ``words`` over the English defaults. */
  function wordsOf(given) {
    return Object.assign({}, ENGLISH, given || {});
  }

  /** ``template`` with each {name} replaced by ``values[name]`` (as text, never markup). */
  function fill(template, values) {
    return template.replace(/\{([a-z_]+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? values[name] : whole));
  }

  /** The tooltip of a unit as [label, text] rows ("" label: the name line). */
  function tipRows(props, given) {
    const words = wordsOf(given);
    const rows = [["", props.name || ""]];
    if (props.holder) { rows.push([words.heldBy, props.holder]); }
    if (props.status) { rows.push([words.status, props.status]); }
    (props.claims || []).forEach((claim) => rows.push([words.claim, claim]));
    if (props.modern) { rows.push([words.note, words.modern]); }
    if (props.uncertain) { rows.push([words.note, words.uncertain]); }
    return rows;
  }

  /** The accessible name of a unit's shape: its name and who holds it (and how). */
  function accessibleName(props, given) {
    if (!props || !props.name) { return ""; }
    const parts = [props.name];
    if (props.holder) { parts.push(fill(wordsOf(given).heldByName, { holder: props.holder })); }
    if (props.status) { parts.push(props.status); }
    return parts.join(", ");
  }

  // Keys that move the focus among the region shapes: a step forward or back, or an end.
  const ROVE_STEPS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

  /**
   * Where ``key`` moves the focus among ``count`` shapes from ``index``: arrows step (round
   * from the last to the first), Home and End jump; null for any other key.
   */
  function roveIndex(count, index, key) {
    if (count === 0) { return null; }
    if (key === "Home") { return 0; }
    if (key === "End") { return count - 1; }
    if (!Object.hasOwn(ROVE_STEPS, key)) { return null; }
    return (index + ROVE_STEPS[key] + count) % count;
  }

  /** The one shape Tab stops on: the last one reached by keys, else the selection, else the first. */
  function tabStop(ids, reached, selected) {
    return [reached, selected].find((id) => id && ids.indexOf(id) >= 0) || ids[0] || null;
  }

  /** The key of the state in force on ``day`` (ISO) from the timeline's runs [[start, key]]. */
  function stateKeyOn(runs, day) {
    let key = null;
    for (const run of runs) {
      if (run[0] > day) { break; }
      key = run[1];
    }
    return key;
  }

  /**
   * One state of the published timeline decoded into what ``draw`` takes: the timeline shares
   * styles and unit texts between states, each unit being [props index, style index].
   */
  function decodeState(timeline, key, selected) {
    const compact = timeline.states[key];
    const units = {};
    Object.keys(compact.units).forEach((id) => {
      const pair = compact.units[id];
      units[id] = { props: timeline.props[pair[0]], style: pair[1] };
    });
    return {
      styles: timeline.styles,
      units: units,
      regimes: compact.regimes,
      claims: compact.claims.map((claim) => ({ unit: claim[0], style: claim[1] })),
      selected: selected,
    };
  }

  /** A copy of a state's style ``index`` for Leaflet: ``pattern`` (a key) becomes fillPattern. */
  function leafletStyle(styles, index, patternOf) {
    const out = Object.assign({}, styles[index]);
    out.fillPattern = out.pattern ? patternOf(out.pattern) : null;
    delete out.pattern;
    return out;
  }

  /**
   * The overlays of a state in drawing order (claims, regime outlines by unit id, then the
   * selection), each keyed by what it draws: a step keeps the layers whose key it shares with
   * the state before it and builds only the new ones.
   */
  function overlayList(state) {
    const seen = {};
    const claims = state.claims.map((claim) => {
      const key = "claim " + claim.unit + " " + claim.style;
      seen[key] = (seen[key] || 0) + 1;
      return { key: key + " " + seen[key], unit: claim.unit, claim: claim.style };
    });
    const regimes = Object.keys(state.regimes).sort().map((unit) => (
      { key: "regime " + unit + " " + state.regimes[unit], unit: unit, regime: state.regimes[unit] }));
    const selected = state.selected ? [{ key: "selected " + state.selected, unit: state.selected }] : [];
    return claims.concat(regimes, selected);
  }

  /**
   * Whether the unit ``id`` must be restyled going from ``before`` to ``after`` (two states
   * drawn with the same style table): it appears, goes, or its style or texts change.
   */
  function unitChanged(before, after, id) {
    const was = before.units[id];
    const is = after.units[id];
    if (!was || !is) { return Boolean(was) !== Boolean(is); }
    return was.style !== is.style || was.props !== is.props;
  }

  // --- Leaflet wiring ----------------------------------------------------------------------

  function shared() {
    root.__atlas = root.__atlas || { shapes: {} };
    return root.__atlas;
  }

  function tip(props) {
    const box = document.createElement("div");
    tipRows(props, shared().words).forEach(([label, text]) => {
      const row = document.createElement("div");
      if (label) {
        const bold = document.createElement("b");
        bold.textContent = label + ": ";
        row.appendChild(bold);
      }
      row.appendChild(document.createTextNode(text));
      box.appendChild(row);
    });
    return box;
  }

  function collection(geo, ids) {
    return {
      type: "FeatureCollection",
      features: geo.features
        .filter((f) => ids.indexOf(f.id) >= 0)
        .map((f) => ({ type: "Feature", id: f.id, geometry: f.geometry, properties: {} })),
    };
  }

  function nameShape(layer, props) {
    const path = layer.getElement && layer.getElement();
    if (!path) { return; }
    const name = accessibleName(props, shared().words);
    if (name) {
      path.setAttribute("aria-label", name);
      path.setAttribute("role", "img");
    } else {
      path.removeAttribute("aria-label");
      path.removeAttribute("role");
    }
  }

  /** The unit shapes drawn on the current map, in the layer's (stable) order. */
  function drawnShapes(atlas) {
    return atlas.units.getLayers().filter((layer) => layer.getElement()
      && atlas.current && atlas.current.units[layer.feature.id]);
  }

  /** Only the ``tabStop`` shape is in the Tab order; hidden shapes are never focused. */
  function setTabStop(atlas) {
    const ids = drawnShapes(atlas).map((layer) => layer.feature.id);
    const stop = tabStop(ids, atlas.reached, atlas.current && atlas.current.selected);
    atlas.units.eachLayer((layer) => {
      const path = layer.getElement();
      const index = layer.feature.id === stop ? "0" : "-1";
      if (path && path.getAttribute("tabindex") !== index) { path.setAttribute("tabindex", index); }
    });
  }

  /**
   * The region shapes as one Tab stop. Leaflet's tooltips make every shape focusable (they
   * open on focus), which put some forty stops between the top of the page and its date
   * controls; now Tab passes the map in one stop, and arrows, Home and End move from shape
   * to shape, each outlined and showing its tooltip as it gets the focus.
   */
  function shapeKeys(map) {
    const atlas = shared();
    const box = map.getContainer();
    const layerOf = (target) => drawnShapes(atlas).find((layer) => layer.getElement() === target);
    box.addEventListener("keydown", (event) => {
      const shown = drawnShapes(atlas);
      const index = shown.findIndex((layer) => layer.getElement() === event.target);
      const next = index < 0 ? null : roveIndex(shown.length, index, event.key);
      if (next === null) { return; }
      event.preventDefault();
      event.stopPropagation();
      atlas.reached = shown[next].feature.id;
      setTabStop(atlas);
      shown[next].getElement().focus();
    });
    box.addEventListener("focusin", (event) => {
      const layer = layerOf(event.target);
      if (layer) { layer.setStyle(HOVER_STYLE); }
    });
    box.addEventListener("focusout", (event) => {
      const layer = layerOf(event.target);
      if (layer) { layer.setStyle(atlas.currentStyle(atlas.current.units[layer.feature.id].style)); }
    });
  }

  /** The Leaflet style of an overlay of ``overlayList``. */
  function overlayStyle(atlas, item) {
    if (item.claim !== undefined) { return atlas.currentStyle(item.claim); }
    if (item.regime) { return { color: item.regime, weight: 3.5, fill: false, opacity: 0.95 }; }
    return SELECTED_STYLE;
  }

  /**
   * Show the overlays of ``next`` in order: layers of the last state that ``next`` shares are
   * kept (``keep``), the others removed, the new ones built and put in their place.
   */
  function drawOverlays(atlas, next, keep) {
    if (!keep) {
      atlas.overlays.clearLayers();
      atlas.overlayLayers = new Map();
    }
    const shown = atlas.overlayLayers;
    const wanted = overlayList(next);
    const keys = new Set(wanted.map((item) => item.key));
    shown.forEach((layer, key) => {
      if (!keys.has(key)) {
        atlas.overlays.removeLayer(layer);
        shown.delete(key);
      }
    });
    let added = false;
    wanted.forEach((item) => {
      const layer = shown.get(item.key);
      if (layer) {
        if (added) { layer.bringToFront(); }
        return;
      }
      added = true;
      shown.set(item.key, L.geoJson(collection(atlas.geo, [item.unit]), {
        interactive: false, style: overlayStyle(atlas, item),
      }).addTo(atlas.overlays));
    });
  }

  /**
   * Restyle the unit shapes in place and draw claims, regimes and the selection. A state drawn
   * with the same style table, patterns and words as the last one (a date step, a server run
   * painted from the timeline) touches only the shapes and overlays that change; any other
   * state (the server's own) redraws them all.
   */
  function draw(map, next, patternOf) {
    const atlas = shared();
    const last = atlas.painted;
    const words = atlas.wordsKey;
    const keep = Boolean(last) && last.units === atlas.units && last.styles === next.styles
      && last.patternOf === patternOf && last.words === words;
    const before = atlas.current;
    atlas.current = next;
    atlas.currentStyle = (index) => leafletStyle(next.styles, index, patternOf);
    atlas.painted = { units: atlas.units, styles: next.styles, patternOf: patternOf, words: words };
    atlas.units.eachLayer((layer) => {
      if (keep && !unitChanged(before, next, layer.feature.id)) { return; }
      const unit = next.units[layer.feature.id];
      layer.feature.properties = unit ? unit.props : {};
      layer.setStyle(unit ? atlas.currentStyle(unit.style) : HIDDEN_STYLE);
      nameShape(layer, layer.feature.properties);
    });
    setTabStop(atlas);
    drawOverlays(atlas, next, keep);
  }

  function unitLayer(map, geo) {
    const atlas = shared();
    return L.geoJson(geo, {
      style: HIDDEN_STYLE,
      onEachFeature: (feature, layer) => {
        feature.properties = {};
        layer.bindTooltip(() => tip(layer.feature.properties), { sticky: true });
        layer.on("mouseover", () => layer.setStyle(HOVER_STYLE));
        layer.on("mouseout", () => {
          const unit = atlas.current.units[feature.id];
          if (unit) { layer.setStyle(atlas.currentStyle(unit.style)); }
        });
        // Passed on to the map, so streamlit-folium reports it as last_clicked.
        layer.on("click", (e) => map.fire("click", { latlng: e.latlng, originalEvent: e.originalEvent }));
      },
    }).addTo(map);
  }

  /** Leaflet's zoom buttons named in the reader's language (title and spoken name). */
  function controlTitles(map, words) {
    [[".leaflet-control-zoom-in", words.zoomIn], [".leaflet-control-zoom-out", words.zoomOut]]
      .forEach(([selector, text]) => {
        const button = map.getContainer().querySelector(selector);
        if (button) {
          button.title = text;
          button.setAttribute("aria-label", text);
        }
      });
  }

  /**
   * Draw the server's state of the map: the shapes at ``url`` are fetched and drawn once per
   * frame (outside the feature group streamlit-folium swaps), later states only restyle them.
   * ``state.view`` (bounds and a counter) refits the map once per new counter.
   */
  function styler(map, state, patterns, url) {
    const atlas = shared();
    if (!atlas.shapes[url]) { atlas.shapes[url] = fetch(url).then((r) => r.json()); }
    atlas.shapes[url].then((geo) => {
      if (!atlas.units || atlas.unitsUrl !== url) {
        if (atlas.units) { map.removeLayer(atlas.units); }
        if (atlas.overlays) { map.removeLayer(atlas.overlays); }
        atlas.unitsUrl = url;
        atlas.geo = geo;
        atlas.units = unitLayer(map, geo);
        atlas.overlays = L.layerGroup().addTo(map);
        if (!atlas.keys) {
          atlas.keys = true;
          shapeKeys(map);
        }
      }
      atlas.draw = (next, patternOf) => draw(map, next, patternOf);
      atlas.server = state;
      atlas.words = state.words;
      atlas.wordsKey = JSON.stringify(state.words || {});  // once a server run, not a step
      controlTitles(map, wordsOf(state.words));
      // The browser's date from the timeline, which restyles only what changed; the server's
      // own state (its date may be older) only while there is no timeline or no such date.
      if (!atlas.paintBrowserDay || !atlas.paintBrowserDay()) { atlas.draw(state, (key) => patterns[key]); }
      if (state.view && atlas.view !== state.view.counter) {
        atlas.view = state.view.counter;
        map.fitBounds(state.view.bounds);
      }
    });
  }

  /** The date the page shows (time-control.mjs keeps it on the page window), or null. */
  function browserDay() {
    try {
      const store = root.parent.atlasTime;
      return store && store.day ? store.day : null;
    } catch {
      return null;
    }
  }

  /**
   * Paint the page's date from the published timeline of every distinct map: at once on each
   * "atlas:day" event of the page (a step of the time control), and after each server state,
   * which may be older than the browser's date while a step travels to the server. The server's
   * selection is kept.
   */
  function dayPainter(map, url) {
    const atlas = shared();
    let timeline = null;
    const built = {};
    function patternOf(key) {
      if (!built[key]) {
        const spec = timeline.patterns[key];
        let made;
        if (spec.circle) {
          made = new L.Pattern(spec.pattern);
          made.addShape(new L.PatternCircle(spec.circle));
        } else {
          made = new L.StripePattern(spec.stripes);
        }
        made.addTo(map);
        built[key] = made;
      }
      return built[key];
    }
    /** Whether ``day`` could be painted (the timeline and a server state have arrived). */
    function paint(day) {
      if (!timeline || !atlas.draw || !atlas.server || !day) { return false; }
      const key = stateKeyOn(timeline.runs, day);
      atlas.draw(decodeState(timeline, key, atlas.server.selected), patternOf);
      return true;
    }
    atlas.paintBrowserDay = () => paint(browserDay());
    fetch(url).then((r) => (r.ok ? r.json() : null)).then((data) => {
      timeline = data;
      atlas.paintBrowserDay();
    });
    const onDay = (event) => paint(event.detail && event.detail.day);
    root.parent.addEventListener("atlas:day", onDay);
    root.addEventListener("pagehide", () => root.parent.removeEventListener("atlas:day", onDay));
  }

  /** A non-interactive GeoJSON layer fetched from a static URL (cities: dots and names). */
  function urlLayer(map, url, pane, zIndex, style) {
    if (!map.getPane(pane)) {
      const made = map.createPane(pane);
      made.style.zIndex = zIndex;
      made.style.pointerEvents = "none";
    }
    const layer = L.geoJson(null, {
      pane: pane,
      interactive: false,
      style: style,
      pointToLayer: (feature, latlng) => {
        const dot = L.circleMarker(latlng, {
          pane: pane, interactive: false, radius: 2.5,
          color: "#333", weight: 1, fillColor: "#fff", fillOpacity: 1,
        });
        const props = feature.properties || {};
        const name = props.name_en || props.name || "";
        if (name) {
          const span = document.createElement("span");
          span.textContent = name;
          dot.bindTooltip(span, { permanent: true, direction: "right", className: "atlas-city", pane: pane });
        }
        return dot;
      },
    }).addTo(map);
    fetch(url)
      .then((r) => (r.ok ? r.json() : null))
      .then((data) => { if (data) { layer.addData(data); } });
  }

  /** Fixed region names ({text, lat, lon}), drawn as text. */
  function focusLabels(map, labels) {
    labels.forEach((item) => {
      const span = document.createElement("span");
      span.className = "atlas-label";
      span.textContent = item.text;
      L.marker([item.lat, item.lon], {
        icon: L.divIcon({ html: span, className: "atlas-label-icon", iconSize: null }),
        interactive: false, keyboard: false,
      }).addTo(map);
    });
  }

  /** Mark the map container with the zoom bands the label CSS keys on. */
  function zoomClasses(map, cities, small) {
    function mark() {
      const zoom = map.getZoom();
      const box = map.getContainer().classList;
      box.toggle("atlas-zoom-cities", zoom >= cities);
      box.toggle("atlas-zoom-small", zoom < small);
    }
    map.on("zoomend", mark);
    map.whenReady(mark);
  }

  const api = {
    tipRows, accessibleName, fill, roveIndex, tabStop, stateKeyOn, decodeState, leafletStyle,
    overlayList, unitChanged, styler, dayPainter, urlLayer, focusLabels, zoomClasses,
  };
  root.AtlasMap = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
})(typeof window !== "undefined" ? window : globalThis);
