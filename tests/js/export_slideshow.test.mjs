import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const slideshow = require("../../static/app/js/export_slideshow.js");

test("a step never leaves the frames", () => {
  assert.equal(slideshow.clampFrame(-1, 3), 0);
  assert.equal(slideshow.clampFrame(1, 3), 1);
  assert.equal(slideshow.clampFrame(7, 3), 2);
});

test("clicker keys step forward and back, other keys do nothing", () => {
  for (const key of ["ArrowRight", "PageDown", " ", "Spacebar"]) {
    assert.equal(slideshow.stepForKey(key), 1, key);
  }
  for (const key of ["ArrowLeft", "PageUp"]) {
    assert.equal(slideshow.stepForKey(key), -1, key);
  }
  assert.equal(slideshow.stepForKey("a"), 0);
  assert.equal(slideshow.stepForKey("Enter"), 0);
});

test("the hash names a frame counted from one", () => {
  assert.equal(slideshow.frameFromHash("#3"), 2);
  assert.equal(slideshow.frameFromHash(""), 0);
  assert.equal(slideshow.frameFromHash("#x"), 0);
});

test("unit style: holder colour, chosen outline, claims dashed only when shown", () => {
  const held = { c: "#123456", s: "occupied", k: "1" };
  const chosen = slideshow.unitStyle(held, true, true);
  assert.equal(chosen.fillColor, "#123456");
  assert.equal(chosen.weight, 3);
  assert.equal(chosen.fillOpacity, 0.55);
  assert.equal(chosen.dashArray, "6 4");
  const plain = slideshow.unitStyle(held, false, false);
  assert.equal(plain.weight, 0.7);
  assert.equal(plain.dashArray, null);
  assert.equal(slideshow.unitStyle(undefined, false, true).fillColor, "#ccc");
});
