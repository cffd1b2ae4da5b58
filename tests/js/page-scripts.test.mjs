// Pure parts of the page scripts: the Compare page's map finder.
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
