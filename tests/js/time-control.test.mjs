// Pure parts of static/app/js/time-control.mjs: year steps, change days, long dates in the
// interface language, the address bar's query string and when the server may set the date.
import { test } from "node:test";
import assert from "node:assert/strict";
import mountPart, {
  clamp, yearStep, nextChange, previousChange, longDate, withDay, serverCurrent, store, runOn,
  fill, eventsOn, statusOn, writeAddress, fetchOnce,
} from "../../static/app/js/time-control.mjs";

const FIRST = "1878-07-13";
const LAST = "1991-12-26";

test("a year step keeps month and day, turns 29 February into 28 and stays in range", () => {
  assert.equal(yearStep("1921-10-13", 1922, FIRST, LAST), "1922-10-13");
  assert.equal(yearStep("1920-02-29", 1921, FIRST, LAST), "1921-02-28");
  assert.equal(yearStep("1879-01-05", 1878, FIRST, LAST), FIRST);
  assert.equal(yearStep("1990-12-31", 1991, FIRST, LAST), LAST);
  assert.equal(clamp("1800-01-01", FIRST, LAST), FIRST);
});

test("previous and next change are the change days either side, none past the ends", () => {
  const changes = ["1918-03-03", "1921-03-16", "1921-10-13"];
  assert.equal(nextChange(changes, "1921-03-16"), "1921-10-13");
  assert.equal(nextChange(changes, "1921-03-15"), "1921-03-16");
  assert.equal(nextChange(changes, "1921-10-13"), null);
  assert.equal(previousChange(changes, "1921-10-13"), "1921-03-16");
  assert.equal(previousChange(changes, "1921-10-14"), "1921-10-13");
  assert.equal(previousChange(changes, "1918-03-03"), null);
});

test("a long date fills the month's pattern with day and year, as Babel writes it", () => {
  const en = ["{d} January {y}", "{d} February {y}", "{d} March {y}", "{d} April {y}",
    "{d} May {y}", "{d} June {y}", "{d} July {y}", "{d} August {y}", "{d} September {y}",
    "{d} October {y}", "{d} November {y}", "{d} December {y}"];
  assert.equal(longDate("1914-05-01", en), "1 May 1914");
  const ru = en.map(() => "{d} октября {y} г.");
  assert.equal(longDate("1921-10-13", ru), "13 октября 1921 г.");
});

test("the address bar names the date, keeps the other parameters and drops a year", () => {
  assert.equal(withDay("?date=1921-10-13&region=kars&lang=tr", "1922-10-13"),
    "?date=1922-10-13&region=kars&lang=tr");
  assert.equal(withDay("?year=1925", "1925-05-01"), "?date=1925-05-01");
  assert.equal(withDay("", "1900-01-01"), "?date=1900-01-01");
});

test("a server run that missed a local step never sets the date; a current one does", () => {
  const shared = store({});
  shared.seq = 5;
  assert.equal(serverCurrent(shared, { seq: 4 }), false);
  assert.equal(serverCurrent(shared, { seq: 5 }), true);
  const win = {};
  assert.equal(store(win), store(win), "one store per page window");
});

const PATTERNS = ["{d} January {y}", "{d} February {y}", "{d} March {y}", "{d} April {y}",
  "{d} May {y}", "{d} June {y}", "{d} July {y}", "{d} August {y}", "{d} September {y}",
  "{d} October {y}", "{d} November {y}", "{d} December {y}"];

test("the run in force on a day is the last one started by then", () => {
  const runs = [["1878-07-13", 0], ["1918-03-03", 1], ["1921-10-13", 0]];
  assert.equal(runOn(runs, "1878-07-13"), 0);
  assert.equal(runOn(runs, "1918-03-02"), 0);
  assert.equal(runOn(runs, "1918-03-03"), 1);
  assert.equal(runOn(runs, "1990-01-01"), 0);
  assert.equal(runOn(runs, "1800-01-01"), null);
});

test("fill puts values in as text and leaves unknown names as written", () => {
  assert.equal(fill("{a} and {b}", { a: "<i>x</i>" }), "<i>x</i> and {b}");
  assert.equal(fill("{year}", { year: 1921 }), "1921");
});

const EVENTS = {
  events: [["1921-03-16", "Moscow", "Signed."], ["1921-10-13", "Kars", "Signed too."],
    ["1921-12-01", "C", "c"], ["1921-12-02", "D", "d"]],
  listed: 2,
  words: { year: "No event on this day. In {year}: {events}",
    none: "No recorded events on this day or in {year}.", more: { 1: "(+1 more)", 2: "(+2 more)" } },
};

test("the events part shows the day's events, else the year's first ones and a count", () => {
  assert.deepEqual(eventsOn(EVENTS, "1921-10-13", PATTERNS), { day: [["Kars", "Signed too."]] });
  assert.deepEqual(eventsOn(EVENTS, "1921-05-01", PATTERNS), {
    line: "No event on this day. In 1921: 16 March 1921: Moscow; 13 October 1921: Kars (+2 more)",
  });
  assert.deepEqual(eventsOn(EVENTS, "1930-05-01", PATTERNS),
    { line: "No recorded events on this day or in 1930." });
});

test("the spoken summary names the holder of the period covering the day", () => {
  const words = { held: "{region}, {date}: held by {holder}; {status}.",
    none: "{region}, {date}: no record on this date.", noRegion: "{date}: no region chosen." };
  const data = { region: "Kars", words: words,
    periods: [["1878-07-13", "1918-03-03", "Russian Empire", "annexed"],
      ["1921-10-13", null, "Turkey", "sovereign"]] };
  assert.equal(statusOn(data, "1918-03-02", "2 March 1918"),
    "Kars, 2 March 1918: held by Russian Empire; annexed.");
  assert.equal(statusOn(data, "1918-03-03", "3 March 1918"), "Kars, 3 March 1918: no record on this date.");
  assert.equal(statusOn(data, "1950-01-01", "1 January 1950"),
    "Kars, 1 January 1950: held by Turkey; sovereign.");
  assert.equal(statusOn({ region: "", periods: [], words: words }, "1950-01-01", "1 January 1950"),
    "1 January 1950: no region chosen.");
});

test("the address bar gets the shown date after the next frame, once for a burst of steps", () => {
  const frames = [];
  const tasks = [];
  const written = [];
  const win = {
    location: { search: "?date=1914-05-01&lang=tr" },
    history: { state: null, replaceState: (state, title, url) => { written.push(url); win.location.search = url; } },
    requestAnimationFrame: (callback) => frames.push(callback),
    setTimeout: (callback) => tasks.push(callback),
  };
  const shared = store(win);
  shared.day = "1915-05-01";
  writeAddress(win, shared);
  shared.day = "1916-05-01";
  writeAddress(win, shared);
  assert.deepEqual(written, [], "nothing is written before the frame");
  assert.equal(frames.length, 1);
  frames.shift()();
  assert.deepEqual(written, [], "nor during it");
  tasks.shift()();
  assert.deepEqual(written, ["?date=1916-05-01&lang=tr"]);
  writeAddress(win, shared);
  frames.shift()();
  tasks.shift()();
  assert.equal(written.length, 1, "an address that already names the date is left alone");
});

/** Just enough of a page for one part: elements that hold children, attributes and text. */
function fakePage() {
  const win = {
    location: { search: "", pathname: "/", href: "http://127.0.0.1/" },
    history: { state: null, pushState: () => {}, replaceState: () => {} },
    CustomEvent: class { constructor(type, init) { this.type = type; this.detail = init.detail; } },
    dispatchEvent: () => true,
    requestAnimationFrame: () => {},
    setTimeout: () => 0,
  };
  const doc = {
    defaultView: win,
    createElement: (tag) => ({
      tag, children: [], attributes: {}, textContent: "", ownerDocument: doc,
      setAttribute(name, value) { this.attributes[name] = value; },
      appendChild(child) { this.children.push(child); return child; },
      append(...more) { this.children.push(...more); },
      get firstChild() { return this.children[0]; },
    }),
  };
  const parent = doc.createElement("div");
  parent.isConnected = true;
  return { win, parent };
}

test("a late cleanup of a superseded call leaves the part in place; leaving the page ends it", () => {
  const { win, parent } = fakePage();
  const data = (day, seq) => ({ part: "heading", day: day, seq: seq, patterns: PATTERNS });
  const first = mountPart({ data: data("1921-03-16", 0), parentElement: parent });
  const second = mountPart({ data: data("1921-10-13", 1), parentElement: parent });
  first();  // the older call's cleanup, run late while the part is still on the page
  assert.equal(parent.children.length, 1, "one heading box");
  const heading = parent.children[0].children[0];
  assert.equal(heading.firstChild.textContent, "13 October 1921");
  assert.equal(store(win).listeners.size, 1, "the heading still follows the date");
  parent.isConnected = false;
  second();
  assert.equal(store(win).listeners.size, 0);
  assert.equal(parent.atlasTime, undefined);
});

test("a published file is fetched once per page; a failed fetch is tried again later", async () => {
  const cache = new Map();
  const asked = [];
  let ok = false;
  const fetcher = (url) => {
    asked.push(url);
    return Promise.resolve({ ok: ok, status: ok ? 200 : 404, json: () => ({ runs: [] }) });
  };
  await assert.rejects(fetchOnce(cache, fetcher, "/legend-a.json"), /HTTP 404/);
  ok = true;
  const [one, two] = await Promise.all([fetchOnce(cache, fetcher, "/legend-a.json"),
    fetchOnce(cache, fetcher, "/legend-a.json")]);
  assert.deepEqual(one, { runs: [] });
  assert.equal(one, two, "the same parsed object for every part that asks");
  assert.deepEqual(asked, ["/legend-a.json", "/legend-a.json"]);
});
