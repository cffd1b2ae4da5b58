// Tour presentation view: presentation clickers send arrow keys, Page Up/Down or Space.
// Streamlit has no key handler, so this listens on the app page (installed once, see
// app_pages/common.page_script) and clicks the scene buttons.
"use strict";

(function (root) {
  const NEXT = ["ArrowRight", "PageDown", " ", "Spacebar"];
  const PREV = ["ArrowLeft", "PageUp"];
  const TYPING = 'input, textarea, select, [contenteditable="true"]';

  /** The button key ("tour_next", "tour_prev") a key press stands for, or "" for none. */
  function buttonFor(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return ""; }
    if (NEXT.indexOf(event.key) >= 0) { return "tour_next"; }
    return PREV.indexOf(event.key) >= 0 ? "tour_prev" : "";
  }

  function onKey(event) {
    const key = buttonFor(event);
    if (!key) { return; }
    const target = event.target;
    if (target && target.closest && target.closest(TYPING)) { return; }
    const doc = root.document;
    const button = doc.querySelector(".st-key-" + key + " button");
    if (!button || button.disabled) { return; }
    event.preventDefault();
    event.stopPropagation();
    if (doc.activeElement && doc.activeElement.blur) { doc.activeElement.blur(); }
    button.click();
  }

  const api = { buttonFor };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.document.addEventListener("keydown", onKey, true);
  }
})(typeof window !== "undefined" ? window : globalThis);
