// Pure parts of static/app/js/atlas-map.js: the tooltip rows, the accessible names of the
// regions, and the decoding of the published timeline.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AtlasMap = require("../../static/app/js/atlas-map.js");

test("tooltip rows name the unit, its holder, status, claims and notes in order", () => {
  const rows = AtlasMap.tipRows({
    name: "Kars", holder: "Turkey", status: "sovereign", claims: ["USSR (demand)"],
    modern: false, uncertain: true,
  });
  assert.deepEqual(rows, [
    ["", "Kars"], ["Held by", "Turkey"], ["Status", "sovereign"], ["Claim", "USSR (demand)"],
    ["Note", "boundary or dates uncertain"],
  ]);
  assert.deepEqual(AtlasMap.tipRows({}), [["", ""]]);
});

test("a region's accessible name gives its name and holder; none without a unit", () => {
  assert.equal(AtlasMap.accessibleName({ name: "Batumi", holder: "United Kingdom", status: "occupied" }),
    "Batumi, held by United Kingdom, occupied");
  assert.equal(AtlasMap.accessibleName({ name: "Kars" }), "Kars");
  assert.equal(AtlasMap.accessibleName({}), "");
  assert.equal(AtlasMap.accessibleName(undefined), "");
});

test("the server's words label the tooltip and name the shapes; missing ones stay English", () => {
  const turkish = {
    heldBy: "Hâkim güç", status: "Statü", claim: "Hak iddiası", note: "Not",
    modern: "bugünkü sınırlarıyla çizilmiş bağlam bölgesi", heldByName: "hâkim güç: {holder}",
  };
  const rows = AtlasMap.tipRows({
    name: "Kars", holder: "Turkey", status: "egemenlik", claims: ["USSR (talep)"],
    modern: true, uncertain: true,
  }, turkish);
  assert.deepEqual(rows, [
    ["", "Kars"], ["Hâkim güç", "Turkey"], ["Statü", "egemenlik"], ["Hak iddiası", "USSR (talep)"],
    ["Not", "bugünkü sınırlarıyla çizilmiş bağlam bölgesi"], ["Not", "boundary or dates uncertain"],
  ]);
  assert.equal(AtlasMap.accessibleName({ name: "Batum", holder: "United Kingdom", status: "işgal altında" },
    turkish), "Batum, hâkim güç: United Kingdom, işgal altında");
  assert.equal(AtlasMap.accessibleName({ name: "Kars", holder: "Turkey" }, {}), "Kars, held by Turkey");
});

test("a template takes its values as text and leaves unknown or inherited names alone", () => {
  assert.equal(AtlasMap.fill("held by {holder}", { holder: "<b>$&</b>" }), "held by <b>$&</b>");
  assert.equal(AtlasMap.fill("{constructor} {holder}", {}), "{constructor} {holder}");
});

test("arrows step round the shapes, Home and End jump, other keys do nothing", () => {
  assert.equal(AtlasMap.roveIndex(5, 0, "ArrowRight"), 1);
  assert.equal(AtlasMap.roveIndex(5, 0, "ArrowDown"), 1);
  assert.equal(AtlasMap.roveIndex(5, 4, "ArrowRight"), 0);
  assert.equal(AtlasMap.roveIndex(5, 0, "ArrowLeft"), 4);
  assert.equal(AtlasMap.roveIndex(5, 3, "ArrowUp"), 2);
  assert.equal(AtlasMap.roveIndex(5, 3, "Home"), 0);
  assert.equal(AtlasMap.roveIndex(5, 1, "End"), 4);
  assert.equal(AtlasMap.roveIndex(5, 1, "Tab"), null);
  assert.equal(AtlasMap.roveIndex(5, 1, "constructor"), null);
  assert.equal(AtlasMap.roveIndex(0, 0, "ArrowRight"), null);
});

test("Tab stops on the shape last reached, else the selection, else the first drawn", () => {
  const ids = ["ardahan", "batumi", "kars"];
  assert.equal(AtlasMap.tabStop(ids, "kars", "batumi"), "kars");
  assert.equal(AtlasMap.tabStop(ids, "nakhchivan", "batumi"), "batumi");
  assert.equal(AtlasMap.tabStop(ids, undefined, null), "ardahan");
  assert.equal(AtlasMap.tabStop([], "kars", "kars"), null);
});

test("the state on a day is the last run started on or before it", () => {
  const runs = [["1878-03-03", 1], ["1918-03-03", 2], ["1921-10-13", 3]];
  assert.equal(AtlasMap.stateKeyOn(runs, "1878-03-03"), 1);
  assert.equal(AtlasMap.stateKeyOn(runs, "1921-10-12"), 2);
  assert.equal(AtlasMap.stateKeyOn(runs, "1921-10-13"), 3);
  assert.equal(AtlasMap.stateKeyOn(runs, "1800-01-01"), null);
});

test("decoding a state expands shared texts and styles and keeps the selection", () => {
  const timeline = {
    styles: [{ fillColor: "#CC6677", pattern: null }, { pattern: "stripes:#4477AA:in-force" }],
    props: [{ name: "Kars", holder: "Turkey" }],
    states: { 7: { units: { kars: [0, 0] }, claims: [["kars", 1]], regimes: { "straits-x": "#0077BB" } } },
  };
  const drawn = AtlasMap.decodeState(timeline, 7, "kars");
  assert.deepEqual(drawn.units, { kars: { props: { name: "Kars", holder: "Turkey" }, style: 0 } });
  assert.deepEqual(drawn.claims, [{ unit: "kars", style: 1 }]);
  assert.deepEqual(drawn.regimes, { "straits-x": "#0077BB" });
  assert.equal(drawn.selected, "kars");
  assert.equal(drawn.styles, timeline.styles);
});

test("a Leaflet style is a copy with the pattern key turned into the pattern object", () => {
  const styles = [{ fillColor: "#fff", pattern: "dots:#fff:held" }, { fillColor: "#000", pattern: null }];
  const made = AtlasMap.leafletStyle(styles, 0, (key) => ({ key }));
  assert.deepEqual(made, { fillColor: "#fff", fillPattern: { key: "dots:#fff:held" } });
  assert.equal(styles[0].pattern, "dots:#fff:held");
  assert.deepEqual(AtlasMap.leafletStyle(styles, 1, () => assert.fail("no pattern")),
    { fillColor: "#000", fillPattern: null });
});

test("overlays come claims first, regimes by unit, the selection last, each keyed by what it draws", () => {
  const state = {
    claims: [{ unit: "kars", style: 3 }, { unit: "ardahan", style: 3 }, { unit: "kars", style: 3 }],
    regimes: { "straits-imbros": "#0077BB", "straits-gallipoli": "#EE7733" },
    selected: "kars",
  };
  assert.deepEqual(AtlasMap.overlayList(state).map((item) => item.key), [
    "claim kars 3 1", "claim ardahan 3 1", "claim kars 3 2",
    "regime straits-gallipoli #EE7733", "regime straits-imbros #0077BB", "selected kars",
  ]);
  assert.deepEqual(AtlasMap.overlayList(state)[3], {
    key: "regime straits-gallipoli #EE7733", unit: "straits-gallipoli", regime: "#EE7733",
  });
  assert.deepEqual(AtlasMap.overlayList({ claims: [], regimes: {}, selected: null }), []);
  const restyledClaim = AtlasMap.overlayList({ claims: [{ unit: "kars", style: 4 }], regimes: {}, selected: null });
  assert.deepEqual(restyledClaim, [{ key: "claim kars 4 1", unit: "kars", claim: 4 }]);
});

test("a step restyles a unit only when it appears, goes, or its style or texts change", () => {
  const kars = { name: "Kars" };
  const before = { units: { kars: { props: kars, style: 1 }, oltu: { props: {}, style: 2 } } };
  const after = { units: { kars: { props: kars, style: 1 }, batumi: { props: {}, style: 2 } } };
  assert.equal(AtlasMap.unitChanged(before, after, "kars"), false);
  assert.equal(AtlasMap.unitChanged(before, after, "oltu"), true);
  assert.equal(AtlasMap.unitChanged(before, after, "batumi"), true);
  assert.equal(AtlasMap.unitChanged(before, after, "iran"), false);
  assert.equal(AtlasMap.unitChanged(before, { units: { kars: { props: kars, style: 2 } } }, "kars"), true);
  assert.equal(AtlasMap.unitChanged(before, { units: { kars: { props: { name: "Kars" }, style: 1 } } }, "kars"),
    true);
});
