// Pure parts of the page scripts: the tour's clicker keys and the Compare page's map finder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const TourKeys = require("../../static/app/js/tour-keys.js");
const CompareSync = require("../../static/app/js/compare-sync.js");

test("clicker keys step the tour; modified keys and others do nothing", () => {
  for (const key of ["ArrowRight", "PageDown", " ", "Spacebar"]) {
    assert.equal(TourKeys.buttonFor({ key }), "tour_next");
  }
  for (const key of ["ArrowLeft", "PageUp"]) {
    assert.equal(TourKeys.buttonFor({ key }), "tour_prev");
  }
  assert.equal(TourKeys.buttonFor({ key: "ArrowRight", ctrlKey: true }), "");
  assert.equal(TourKeys.buttonFor({ key: "ArrowLeft", altKey: true }), "");
  assert.equal(TourKeys.buttonFor({ key: "Enter" }), "");
});

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
