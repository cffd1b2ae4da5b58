// The Atlas's time control and page heading: a Streamlit component (st.components.v2, mounted
// by app_pages/time_control.py) that owns date stepping in the browser.
//
// A step (slider key, previous/next change, exact date, play) shows the new date at once:
// slider, heading and an "atlas:day" event on the page window, which the map frame
// (atlas-map.js) paints from the published timeline; the address bar follows once that frame
// is drawn. The server is told only once the
// date settles (SETTLE_MS without a new step), so one server run follows a burst of keys.
//
// Each local step counts up ``seq``; the server echoes the last ``seq`` it applied. Data from a
// server run that has not seen every local step is stale and never moves the date back, and
// the address bar the server writes during such a run gets the browser's date instead.
// The same component draws the page's other texts that follow the date (parts "legend",
// "events" and "status"): the server sends each part every day's text once, and the part
// redraws itself from the page's store at every step.
// The pure helpers are exported for tests/js/time-control.test.mjs.

export const SETTLE_MS = 300;
export const DAY_EVENT = "atlas:day";
const STORE = "atlasTime";

/** "YYYY-MM-DD" of a year, month and day. */
function iso(year, month, day) {
  return String(year).padStart(4, "0") + "-" + String(month).padStart(2, "0") + "-"
    + String(day).padStart(2, "0");
}

/** ``day`` limited to [first, last] (ISO strings compare as dates). */
export function clamp(day, first, last) {
  if (day < first) { return first; }
  return day > last ? last : day;
}

/** The same month and day in ``year`` (29 February becomes 28), within [first, last]. */
export function yearStep(day, year, first, last) {
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  return clamp(iso(year, month, month === 2 && date === 29 ? 28 : date), first, last);
}

/** The first change day after ``day``, or null (``changes`` sorted ISO days). */
export function nextChange(changes, day) {
  return changes.find((change) => change > day) || null;
}

/** The last change day before ``day``, or null. */
export function previousChange(changes, day) {
  let found = null;
  for (const change of changes) {
    if (change >= day) { break; }
    found = change;
  }
  return found;
}

/** The long date in the interface language: ``patterns`` hold "{d}" and "{y}" per month. */
export function longDate(day, patterns) {
  const pattern = patterns[Number(day.slice(5, 7)) - 1];
  return pattern.replace("{d}", String(Number(day.slice(8, 10))))
    .replace("{y}", String(Number(day.slice(0, 4))));
}

/** ``search`` (a query string) naming ``day`` as its date, without a ``year``. */
export function withDay(search, day) {
  const params = new URLSearchParams(search);
  params.delete("year");
  params.set("date", day);
  return "?" + params.toString();
}

/** The item of ``runs`` ([[start ISO, item], ...], by start) in force on ``day``, or null. */
export function runOn(runs, day) {
  let found = null;
  for (const run of runs) {
    if (run[0] > day) { break; }
    found = run[1];
  }
  return found;
}

/** ``template`` with each {name} replaced by ``values[name]`` (text, never markup). */
export function fill(template, values) {
  return template.replace(/\{([a-z]+)\}/g,
    (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/**
 * What the events part shows on ``day``: {day: [[title, summary], ...]} for the day's own
 * events, else {line: text} naming the year's first ``data.listed`` events (with the count of
 * the others), or saying the year has none. ``events`` are [[ISO day, title, summary], ...].
 */
export function eventsOn(data, day, patterns) {
  const own = data.events.filter((event) => event[0] === day);
  if (own.length) { return { day: own.map((event) => [event[1], event[2]]) }; }
  const year = day.slice(0, 4);
  const inYear = data.events.filter((event) => event[0].slice(0, 4) === year);
  const shownYear = String(Number(year));
  if (!inYear.length) { return { line: fill(data.words.none, { year: shownYear }) }; }
  const named = inYear.slice(0, data.listed)
    .map((event) => longDate(event[0], patterns) + ": " + event[1]).join("; ");
  const extra = inYear.length - data.listed;
  const more = extra > 0 ? " " + (data.words.more[String(extra)] || "(+" + extra + ")") : "";
  return { line: fill(data.words.year, { year: shownYear, events: named }) + more };
}

/** The panel's spoken summary of ``day`` (``label``: its long date) for the status part. */
export function statusOn(data, day, label) {
  if (!data.region) { return fill(data.words.noRegion, { date: label }); }
  const period = data.periods.find((p) => p[0] <= day && (p[1] === null || day < p[1]));
  if (!period) { return fill(data.words.none, { region: data.region, date: label }); }
  return fill(data.words.held,
    { region: data.region, date: label, holder: period[2], status: period[3] });
}

/** Whether the server's data may set the date: it has applied every local step. */
export function serverCurrent(store, data) {
  return data.seq >= store.seq;
}

/** The page's one store of the date on screen, shared by the heading, the control and the map. */
export function store(win) {
  if (!win[STORE]) {
    win[STORE] = {
      day: null, seq: 0, applied: -1, label: "", listeners: new Set(), addressDue: false,
    };
  }
  return win[STORE];
}

/**
 * Keep the address bar on the browser's date while a step has not reached the server: Streamlit
 * writes the query string of each server run, and a run older than the last step would move
 * the address bar back. Installed once per page window.
 */
function guardAddressBar(win) {
  const history = win.history;
  if (history.atlasGuarded) { return; }
  history.atlasGuarded = true;
  ["pushState", "replaceState"].forEach((name) => {
    const native = history[name].bind(history);
    history[name] = (state, title, url) => {
      const shared = store(win);
      if (url !== undefined && url !== null && shared.day && shared.seq > shared.applied) {
        const target = new URL(String(url), win.location.href);
        if (target.pathname === win.location.pathname && target.searchParams.has("date")) {
          target.search = withDay(target.search, shared.day);
          return native(state, title, target.href);
        }
      }
      return native(state, title, url);
    };
  });
}

/**
 * Write the shown date into the address bar once the next frame is drawn: replaceState costs
 * a few milliseconds (more under load) that would hold back the step's paint, and a burst of
 * steps within one frame writes the address once.
 */
export function writeAddress(win, shared) {
  if (shared.addressDue) { return; }
  shared.addressDue = true;
  win.requestAnimationFrame(() => win.setTimeout(() => {
    shared.addressDue = false;
    if (win.location.search.indexOf("date=" + shared.day) < 0) {
      win.history.replaceState(win.history.state, "", withDay(win.location.search, shared.day));
    }
  }, 0));
}

/** Show ``day`` everywhere the browser can at once, and announce it to the map frame. */
function show(win, shared, day, patterns) {
  shared.day = day;
  shared.label = longDate(day, patterns);
  // The map first: its repaint is the longest part of a step.
  win.dispatchEvent(new win.CustomEvent(DAY_EVENT, { detail: { day: day } }));
  shared.listeners.forEach((listener) => listener());
  writeAddress(win, shared);
}

function element(doc, tag, attrs, text) {
  const made = doc.createElement(tag);
  Object.entries(attrs || {}).forEach(([name, value]) => made.setAttribute(name, value));
  if (text) { made.textContent = text; }
  return made;
}

function mountHeading(box, shared) {
  const doc = box.ownerDocument;
  const heading = element(doc, "h1", { class: "atlas-heading" });
  heading.appendChild(element(doc, "span", { "data-heading-text": "" }));
  box.appendChild(heading);
  const update = () => { heading.firstChild.textContent = shared.label; };
  shared.listeners.add(update);
  return { update: update, cleanup: () => shared.listeners.delete(update) };
}

/**
 * Fetch each URL once per page and keep its JSON: the legend's runs are a published file
 * (geo.web.published.legend_file), the same for every run of the page.
 */
export function fetchOnce(cache, fetcher, url) {
  if (!cache.has(url)) {
    cache.set(url, fetcher(url).then((response) => {
      if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
      return response.json();
    }).catch((error) => { cache.delete(url); throw error; }));
  }
  return cache.get(url);
}

const FETCHED = new Map();

/** The legend's day part: server-escaped HTML (geo.web.mapview.day_legend_html) per run. */
function mountLegend(box, shared) {
  const win = box.ownerDocument.defaultView;
  const view = { url: null, legend: null, shown: null };
  const update = () => {
    if (!view.legend) { return; }
    const index = runOn(view.legend.runs, shared.day);
    if (index === view.shown) { return; }
    view.shown = index;
    box.innerHTML = index === null ? "" : view.legend.html[index];
  };
  shared.listeners.add(update);
  return {
    update: (next) => {
      if (next.legendUrl === view.url) { return; }
      view.url = next.legendUrl;
      fetchOnce(FETCHED, (url) => win.fetch(url), view.url).then((legend) => {
        if (view.url !== next.legendUrl) { return; }  // a newer language's file was asked for
        view.legend = legend;
        view.shown = null;
        update();
      }, (error) => {
        view.url = null;  // the next run of the page asks again
        win.console.error("legend:", error);
      });
    },
    cleanup: () => shared.listeners.delete(update),
  };
}

/** The events of the day on screen, or a line about its year; data text set as text only. */
function mountEvents(box, shared) {
  const doc = box.ownerDocument;
  const view = { data: null, text: null };
  const update = () => {
    const shown = eventsOn(view.data, shared.day, view.data.patterns);
    const text = JSON.stringify(shown);
    if (text === view.text) { return; }  // the same text: no layout to redo in this frame
    view.text = text;
    box.replaceChildren();
    if (shown.line) {
      box.appendChild(element(doc, "p", { class: "atlas-caption" }, shown.line));
      return;
    }
    shown.day.forEach(([title, summary]) => {
      const line = element(doc, "p", { class: "atlas-event" });
      line.append(element(doc, "strong", {}, title), doc.createTextNode(": " + summary));
      box.appendChild(line);
    });
  };
  shared.listeners.add(update);
  return {
    update: (next) => { view.data = next; view.text = null; update(); },
    cleanup: () => shared.listeners.delete(update),
  };
}

/**
 * The region panel's one-sentence summary, a polite live region: the element stays in place
 * and only its text changes, so screen readers read each new sentence.
 */
function mountStatus(box, shared) {
  const live = element(box.ownerDocument, "div", { class: "atlas-sr-only", role: "status",
    "aria-live": "polite", "aria-atomic": "true" });
  box.appendChild(live);
  const view = { data: null };
  const update = () => {
    const text = statusOn(view.data, shared.day, shared.label);
    if (live.textContent !== text) { live.textContent = text; }
  };
  shared.listeners.add(update);
  return {
    update: (next) => { view.data = next; update(); },
    cleanup: () => shared.listeners.delete(update),
  };
}

const MOUNTS = { heading: mountHeading, legend: mountLegend, events: mountEvents,
  status: mountStatus };

function mountControls(box, win, shared, data, setStateValue) {
  const doc = box.ownerDocument;
  const labels = data.labels;
  const view = { data: data, timer: null, player: null };
  const slider = element(doc, "input", {
    type: "range", min: String(Number(data.first.slice(0, 4))),
    max: String(Number(data.last.slice(0, 4))), step: "1", "aria-label": labels.year,
    class: "atlas-year", id: "atlas-year",
  });
  const yearRow = element(doc, "div", { class: "atlas-year-row" });
  const yearLabel = element(doc, "label", { for: "atlas-year", class: "atlas-year-label" },
    labels.year);
  const yearValue = element(doc, "output", { for: "atlas-year", class: "atlas-year-value" });
  yearRow.append(yearLabel, yearValue);
  const back = element(doc, "button", { type: "button", title: labels.previousHelp }, labels.previous);
  const forward = element(doc, "button", { type: "button", title: labels.nextHelp }, labels.next);
  const steps = element(doc, "div", { class: "atlas-steps" });
  steps.append(back, forward);
  const exact = element(doc, "input", {
    type: "date", min: data.first, max: data.last, "aria-label": labels.exact,
    id: "atlas-exact",
  });
  const exactLabel = element(doc, "label", { for: "atlas-exact" }, labels.exact);
  const play = element(doc, "button", { type: "button", "aria-pressed": "false",
    class: "atlas-play" }, labels.play);
  const speed = element(doc, "select", { "aria-label": labels.speed, title: labels.speedHelp });
  data.speeds.forEach(([seconds, text]) => {
    const option = element(doc, "option", { value: String(seconds) }, text);
    speed.appendChild(option);
  });
  speed.value = String(data.speeds[1][0]);
  const playRow = element(doc, "div", { class: "atlas-play-row" });
  const exactBox = element(doc, "div", { class: "atlas-exact" });
  exactBox.append(exactLabel, exact);
  playRow.append(exactBox, play, speed);
  box.append(yearRow, slider, steps, playRow);

  function render() {
    const d = view.data;
    const day = shared.day;
    slider.value = String(Number(day.slice(0, 4)));
    slider.setAttribute("aria-valuetext", shared.label);
    yearValue.textContent = String(Number(day.slice(0, 4)));
    exact.value = day;
    back.disabled = previousChange(d.changes, day) === null;
    forward.disabled = nextChange(d.changes, day) === null;
  }
  function send() {
    view.timer = null;
    setStateValue("day", { day: shared.day, seq: shared.seq });
  }
  function step(day) {
    if (!day || day === shared.day) { return; }
    shared.seq += 1;
    show(win, shared, day, view.data.patterns);
    render();
    if (view.timer !== null) { win.clearTimeout(view.timer); }
    view.timer = win.setTimeout(send, SETTLE_MS);
  }
  function stop() {
    if (view.player !== null) { win.clearInterval(view.player); }
    view.player = null;
    play.setAttribute("aria-pressed", "false");
  }
  function tick() {
    const d = view.data;
    const year = Number(shared.day.slice(0, 4)) + 1;
    if (year > Number(d.last.slice(0, 4))) { stop(); return; }
    step(yearStep(shared.day, year, d.first, d.last));
  }
  slider.addEventListener("input", () => {
    const d = view.data;
    step(yearStep(shared.day, Number(slider.value), d.first, d.last));
  });
  back.addEventListener("click", () => step(previousChange(view.data.changes, shared.day)));
  forward.addEventListener("click", () => step(nextChange(view.data.changes, shared.day)));
  exact.addEventListener("change", () => {
    if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(exact.value)) {
      step(clamp(exact.value, view.data.first, view.data.last));
    }
  });
  play.addEventListener("click", () => {
    if (view.player !== null) { stop(); return; }
    play.setAttribute("aria-pressed", "true");
    view.player = win.setInterval(tick, Number(speed.value) * 1000);
  });
  speed.addEventListener("change", () => {
    if (view.player !== null) {
      win.clearInterval(view.player);
      view.player = win.setInterval(tick, Number(speed.value) * 1000);
    }
  });
  shared.listeners.add(render);
  return {
    update: (next) => { view.data = next; render(); },
    cleanup: () => {
      stop();
      if (view.timer !== null) { win.clearTimeout(view.timer); send(); }
      shared.listeners.delete(render);
    },
  };
}

/** Streamlit's entry point: called on every server run with that run's ``data``. */
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const win = parentElement.ownerDocument.defaultView;
  const shared = store(win);
  guardAddressBar(win);
  if (shared.day === null || serverCurrent(shared, data)) {
    shared.seq = Math.max(shared.seq, data.seq);
    if (shared.day !== data.day) { show(win, shared, data.day, data.patterns); }
  }
  shared.applied = Math.max(shared.applied, data.seq);
  const label = longDate(shared.day, data.patterns);
  if (label !== shared.label) {  // a new interface language
    shared.label = label;
    shared.listeners.forEach((listener) => listener());
  }
  let mounted = parentElement.atlasTime;
  if (!mounted) {
    const box = element(parentElement.ownerDocument, "div", { class: "atlas-time-" + data.part });
    parentElement.appendChild(box);
    mounted = data.part === "controls" ? mountControls(box, win, shared, data, setStateValue)
      : MOUNTS[data.part](box, shared);
    parentElement.atlasTime = mounted;
  }
  mounted.update(data);
  // Streamlit calls this when the part leaves the page, and also when a call it has since
  // superseded (older data) finishes late, while the part is still on the page: tearing the
  // part down then would leave its old box behind a new one, and take the slider's focus.
  return () => {
    if (parentElement.isConnected) { return; }
    mounted.cleanup();
    delete parentElement.atlasTime;
  };
}
