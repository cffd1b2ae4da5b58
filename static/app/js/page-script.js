// Loader run inside a small component frame (app_pages/common.page_script): installs the
// script named by its data-src once in the app page itself (same origin), where its timers and
// listeners survive Streamlit replacing the frame; data-id keeps one copy per browser tab.
"use strict";

(function () {
  const me = document.currentScript;
  const doc = window.parent.document;
  if (!me || doc.getElementById(me.dataset.id)) { return; }
  const script = doc.createElement("script");
  script.id = me.dataset.id;
  script.src = me.dataset.src;
  doc.head.appendChild(script);
})();
