// Pure parts of the page scripts: the Compare page's map finder, the Atlas map's preload list.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const CompareSync = require("../../static/app/js/compare-sync.js");

test("only frames that already hold a map are linked; a frame that throws is skipped", () => {
  const one = { id: 1 }, two = { id: 2 };
  const frames = [
    { contentWindow: { map: one } },
    { contentWindow: {} },
    { get contentWindow() { throw new Error("still loading"); } },
    { contentWindow: null },
    { contentWindow: { map: two } },
  ];
  assert.deepEqual(CompareSync.mapsOf(frames), [one, two]);
});

const MapPreload = require("../../static/app/js/map-preload.js");

test("the map files not yet started on the page are started, in order, each once", () => {
  const files = [["/a.js", "script"], ["/b.css", "style"], ["/c.json", "fetch"], ["/a.js", "script"]];
  assert.deepEqual(MapPreload.pending(files, { "/b.css": {} }),
    [["/a.js", "script"], ["/c.json", "fetch"]]);
  assert.deepEqual(MapPreload.pending(files, { "/a.js": true, "/b.css": {}, "/c.json": {} }), []);
});
