// Drives a real headless Chromium over the DevTools protocol (through
// --remote-debugging-pipe: no WebSocket library, no npm package) through
// the search page of a built site, opened from file:// and from a local
// HTTP server on 127.0.0.1, and checks what a reader sees.
//
//   node browser-cdp.js PUBLIC_DIR            the page, from file:// and HTTP
//   node browser-cdp.js PUBLIC_DIR phone      on a phone and a wide screen,
//                                             and on a slow link (the starter site)
//   node browser-cdp.js PUBLIC_DIR labels fr  result lines in the site's language
//
// CHROMIUM names the browser (default `chromium`). Prints one line per
// check and a closing "N passed, N failed"; exits non-zero on a failure.
"use strict";
const path = require("path");
// The DevTools client is shared with the other browser tests.
const { startBrowser, openPage, serve, watchdog } = require("../browser/cdp.js");

// -- What the page shows ----------------------------------------------------

const SETTLED = "!document.getElementById('search-app').hasAttribute('aria-busy') && " +
  "document.getElementById('search-status').textContent !== ''";
const TITLES = "Array.from(document.querySelectorAll('.search-result .result-title')).map(a => a.textContent)";
const STATUS = "document.getElementById('search-status').textContent";

async function search(page, base, query) {
  await page.goto(base + "search.html?q=" + encodeURIComponent(query));
  await page.waitFor(SETTLED, "results for " + query);
  await page.waitFor("document.getElementById('search-status').textContent.indexOf('result') >= 0 || " +
    "document.getElementById('search-status').textContent.indexOf('No results') >= 0", "a result count");
  return page.evaluate(TITLES);
}

let passed = 0;
let failed = 0;
function check(name, condition, detail) {
  if (condition) {
    passed++;
    console.log("ok   " + name);
  } else {
    failed++;
    console.log("FAIL " + name + (detail === undefined ? "" : ": " + JSON.stringify(detail)));
  }
}

async function scenarios(page, base, where) {
  // Words, from the URL: titles, count, highlighted snippet, paragraph link.
  let titles = await search(page, base, "gender persecution");
  check(where + ": words find the policy", titles.includes("Policy on the Crime of Gender Persecution"), titles);
  check(where + ": a result count is shown", /^\d+ results?/.test(await page.evaluate(STATUS)), await page.evaluate(STATUS));
  const marks = await page.evaluate("Array.from(document.querySelectorAll('.search-result mark')).map(m => m.textContent.toLowerCase())");
  check(where + ": matched words are highlighted", marks.includes("persecution") && marks.includes("gender"), marks);
  const href = await page.evaluate("document.querySelector('.search-result .result-title').getAttribute('href')");
  check(where + ": a result links to its paragraph", /\.html#p\d+$/.test(href), href);
  check(where + ": the query is in the box", (await page.evaluate("document.getElementById('search-page-query').value")) === "gender persecution");
  check(where + ": the header's box shows the query too", (await page.evaluate("document.getElementById('site-search').value")) === "gender persecution",
    await page.evaluate("document.getElementById('site-search').value"));
  // The year facet in year order, newest first (not by count).
  const years = await page.evaluate("Array.from(document.querySelectorAll('[data-filter^=\"year:\"]')).map(b => Number(b.getAttribute('data-filter').slice(5)))");
  check(where + ": the year facet is in year order, newest first",
    years.length > 2 && years.every((y, i) => i === 0 || years[i - 1] > y), years);

  // A phrase.
  titles = await search(page, base, "\"forced marriage\"");
  check(where + ": a phrase finds Ongwen", titles.includes("The Prosecutor v. Dominic Ongwen"), titles);
  check(where + ": a phrase leaves out entries with the words apart", !titles.includes("Rome Statute of the International Criminal Court"), titles);

  // An exclusion.
  titles = await search(page, base, "persecution -religious");
  check(where + ": an exclusion removes Al Hassan", !titles.some((t) => t.includes("Al Hassan")) && titles.length > 0, titles);

  // A facet filter, by clicking it.
  await search(page, base, "persecution");
  const before = await page.evaluate(TITLES);
  await page.evaluate("document.querySelector('[data-filter=\"type:case\"]').click()");
  await page.waitFor("document.querySelector('[data-filter=\"type:case\"]') && document.querySelector('[data-filter=\"type:case\"]').getAttribute('aria-pressed') === 'true'", "the case facet pressed");
  await page.waitFor(SETTLED);
  const types = await page.evaluate("Array.from(document.querySelectorAll('.search-result .result-meta')).map(p => p.textContent.split(' · ')[0])");
  check(where + ": the type facet keeps only cases", types.length > 0 && types.length < before.length && types.every((t) => t === "Case"), types);
  const address = await page.evaluate("decodeURIComponent(location.search)");
  check(where + ": the filter is kept in the URL", address.includes("type:case"), address);
  const count = await page.evaluate("document.querySelector('[data-filter=\"type:case\"] .facet-count').textContent");
  check(where + ": the facet shows its count", count === "(" + types.length + ")", count);

  // "Search without filters" takes every filter away, relation: included.
  await search(page, base, "persecution relation:overturned -type:report year:1900");
  const without = "Array.from(document.querySelectorAll('#search-notices button')).filter(b => /without filters/.test(b.textContent))[0]";
  check(where + ": no result under filters offers to search without them", await page.evaluate("!!" + without));
  await page.evaluate(without + ".click()");
  await page.waitFor("document.getElementById('search-page-query').value === 'persecution'", "the query without its filters");
  await page.waitFor(SETTLED);
  check(where + ": searching without filters finds results", (await page.evaluate(TITLES)).length > 0);
  check(where + ": the header's box follows", (await page.evaluate("document.getElementById('site-search').value")) === "persecution");

  // Typing: results as you type, the last word a prefix.
  await page.goto(base + "search.html");
  await page.waitFor(STATUS + " !== ''", "the empty state");
  check(where + ": an empty search says what to type", /Type a word/.test(await page.evaluate(STATUS)), await page.evaluate(STATUS));
  // What every query needs comes while the reader types.
  await page.waitFor("window.amicusSearch.requested.indexOf('manifest') === 0", "the manifest, loaded as the page opens");
  await page.evaluate("document.getElementById('search-page-query').focus()");
  await page.type("ongw");
  await page.waitFor("document.querySelectorAll('.search-result').length > 0", "results while typing");
  titles = await page.evaluate(TITLES);
  check(where + ": typing a word's beginning finds it", titles[0] === "The Prosecutor v. Dominic Ongwen", titles);
  const requested = await page.evaluate("window.amicusSearch.requested");
  check(where + ": a typed word needs at most four requests, the manifest among them", requested.length <= 4, requested);

  // Keyboard: down from the box to the first result.
  await page.key("ArrowDown", "ArrowDown", 40);
  const focused = await page.evaluate("document.activeElement.className");
  check(where + ": the down arrow moves to the results", focused === "result-title", focused);

  // An Arabic entry on an English page: its title, byline and snippet in
  // their language, right to left, isolated from the page's direction.
  titles = await search(page, base, "التعليم");
  const arabic = await page.evaluate("Array.from(document.querySelectorAll('.search-result')).map(r => " +
    "['.result-title', '.result-snippet', '.result-byline'].map(s => { const n = r.querySelector(s); " +
    "return n ? n.getAttribute('lang') + ' ' + n.getAttribute('dir') : 'none'; }).join(', '))");
  check(where + ": an Arabic result is marked right to left in Arabic",
    arabic.length > 0 && arabic[0] === "ar rtl, ar rtl, ar rtl", { titles, arabic });
  await search(page, base, "gender persecution");
  const english = await page.evaluate("document.querySelector('.search-result .result-title').getAttribute('lang') + ' ' + " +
    "document.querySelector('.search-result .result-title').getAttribute('dir')");
  check(where + ": an English result is marked left to right", english === "en ltr", english);

  // No results: a suggestion.
  titles = await search(page, base, "gendr");
  const notice = await page.evaluate("document.getElementById('search-notices').textContent");
  check(where + ": an unknown word is reported with a suggestion", titles.length === 0 && notice.includes("gendr") && notice.includes("Did you mean") && notice.includes("gender"), notice);

  // A filter value no entry has: reported, with the value meant as a
  // button that replaces it.
  titles = await search(page, base, "type:judgment persecution");
  const unknownValue = await page.evaluate("document.getElementById('search-notices').textContent");
  check(where + ": a filter value no entry has is reported with the nearest one",
    titles.length === 0 && unknownValue.includes("No entry has type:judgment") && unknownValue.includes("type:case"), unknownValue);
  await page.evaluate("Array.from(document.querySelectorAll('#search-notices button')).find((b) => b.textContent === 'type:case').click()");
  await page.waitFor("document.getElementById('search-page-query').value === 'type:case persecution' && " +
    "document.querySelectorAll('#search-results .search-result').length > 0", "results for the suggested filter");
  check(where + ": the suggested filter replaces the unknown one and finds results", true);
  // A form of a word that the corpus lacks is found by its stem.
  titles = await search(page, base, "persecuted");
  check(where + ": a form the corpus lacks finds what its stem finds", titles.length > 0, titles);

  // Escaping: markup in a query is shown as text, never run.
  await search(page, base, "<img src=x onerror=window.pwned=1> gender");
  check(where + ": a query cannot inject markup", (await page.evaluate("!window.pwned && !document.querySelector('#search-app img')")) === true);
}

// -- A phone, a wide screen, a slow link ------------------------------------

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 900 };

function viewport(page, size) {
  return page.send("Emulation.setDeviceMetricsOverride", {
    width: size.width, height: size.height, deviceScaleFactor: 1, mobile: size.width < 600,
  });
}

/** Presses Tab until `done` (an expression) holds; the focused elements on the way. */
async function tabUntil(page, done, most) {
  const seen = [];
  for (let i = 0; i < most; i++) {
    await page.send("Input.dispatchKeyEvent", { type: "rawKeyDown", key: "Tab", code: "Tab", windowsVirtualKeyCode: 9 });
    await page.send("Input.dispatchKeyEvent", { type: "keyUp", key: "Tab", code: "Tab", windowsVirtualKeyCode: 9 });
    seen.push(await page.evaluate("(() => { const e = document.activeElement; const r = e.getBoundingClientRect(); " +
      "return { what: e.id || e.className || e.tagName.toLowerCase(), tag: e.tagName.toLowerCase(), " +
      "top: Math.round(r.top + scrollY), left: Math.round(r.left), right: Math.round(r.right) }; })()"));
    if (await page.evaluate(done)) return seen;
  }
  return seen;
}

const FIRST_RESULT = "document.querySelector('.search-result .result-title')";
const RECT = (selector) => "(() => { const r = " + selector + ".getBoundingClientRect(); " +
  "return { top: Math.round(r.top + scrollY), bottom: Math.round(r.bottom + scrollY), left: Math.round(r.left), right: Math.round(r.right) }; })()";

async function phone(page, base) {
  // A query with many results on the starter corpus.
  await viewport(page, PHONE);
  const titles = await search(page, base, "persecution");
  await page.evaluate("window.scrollTo(0, 0)");
  const total = Number((await page.evaluate(STATUS)).replace(/\D.*$/, ""));
  check("phone: the query has many results", total >= 10, await page.evaluate(STATUS));
  const first = await page.evaluate(RECT(FIRST_RESULT));
  check("phone: the first result starts on the first screen (390 × 844)", first.top <= PHONE.height - 24, first);
  check("phone: the page does not scroll sideways", await page.evaluate("document.documentElement.scrollWidth <= innerWidth"),
    await page.evaluate("document.documentElement.scrollWidth"));
  check("phone: the filters are folded", await page.evaluate("!document.getElementById('search-filters').open"));
  const summary = await page.evaluate(RECT("document.querySelector('#search-filters > summary')"));
  check("phone: the folded filters stand above the results", summary.bottom <= first.top, { summary, first });

  // Tab from the box: its button, the filters' disclosure, the results, in
  // the order they stand on the screen.
  await page.evaluate("document.getElementById('search-page-query').focus()");
  let seen = await tabUntil(page, "document.activeElement === " + FIRST_RESULT, 10);
  const order = seen.map((s) => s.tag === "summary" ? "summary" : s.what);
  check("phone: Tab goes from the box to its button, the disclosure, then the results",
    order.join(" ") === "button summary result-title", order);
  check("phone: Tab follows the order on the screen", seen.every((s, i) => i === 0 || seen[i - 1].top <= s.top), seen);

  // Opened, the filters come between the disclosure and the results, and
  // Tab goes through them in that order too.
  await page.evaluate("document.getElementById('search-page-query').focus()");
  await tabUntil(page, "document.activeElement.tagName === 'SUMMARY'", 5);
  await page.key(" ", "Space", 32);
  await page.waitFor("document.getElementById('search-filters').open", "the filters, opened from the keyboard");
  const facets = await page.evaluate(RECT("document.getElementById('search-facets')"));
  const below = await page.evaluate(RECT(FIRST_RESULT));
  check("phone: opened, the filters stand between the disclosure and the results", facets.top >= summary.bottom && facets.bottom <= below.top, { summary, facets, below });
  seen = await tabUntil(page, "document.activeElement === " + FIRST_RESULT, 80);
  check("phone: Tab goes through the opened filters, then to the results",
    seen[0].what === "facet-value" && seen[seen.length - 1].what === "result-title" &&
    seen.every((s, i) => i === 0 || seen[i - 1].top <= s.top), seen.map((s) => s.what + "@" + s.top));

  // A filter chosen: the disclosure counts it.
  await search(page, base, "persecution type:case");
  const counted = await page.evaluate("document.querySelector('#search-filters > summary').textContent");
  check("phone: the disclosure counts the active filters", /\(active filters: 1\)/.test(counted), counted);

  // A wide screen: the filters open, beside the results at the start of
  // the line, and still before them in Tab's order.
  await viewport(page, WIDE);
  await search(page, base, "persecution");
  check("wide: the filters stand open", await page.evaluate("document.getElementById('search-filters').open"));
  const side = await page.evaluate(RECT("document.querySelector('.search-side')"));
  const main = await page.evaluate(RECT("document.querySelector('.search-main')"));
  check("wide: the filters are a column before the results", side.right <= main.left && side.top === main.top, { side, main });
  await page.evaluate("document.getElementById('search-page-query').focus()");
  seen = await tabUntil(page, "document.activeElement === " + FIRST_RESULT, 80);
  const whats = seen.map((s) => s.what);
  check("wide: Tab goes through the filters, then to the results",
    whats[whats.length - 1] === "result-title" && whats.indexOf("facet-value") > 0 && titles.length > 0, whats);
}

async function slowLink(page, publicDir) {
  // Each `search/` file 1.5 s late.
  const server = await serve(publicDir, (pathname) => (pathname.startsWith("/search/") ? 1500 : 0));
  try {
    const address = "http://127.0.0.1:" + server.address().port + "/search.html?q=persecution";
    // Not waiting for the page's load: what the status says is read every
    // 50 ms from the first moment the page has one.
    await page.send("Page.navigate", { url: address });
    const said = [];
    let visible = false;
    const start = Date.now();
    while (Date.now() - start < 20000) {
      let now;
      try {
        now = await page.evaluate("(() => { const s = location.href === " + JSON.stringify(address) +
          " && document.getElementById('search-status'); if (!s) return null; const r = s.getBoundingClientRect(); " +
          "return { text: s.textContent, live: s.getAttribute('aria-live'), shown: r.height > 0 && getComputedStyle(s).visibility === 'visible' }; })()");
      } catch (error) {
        now = null; // the page is being replaced
      }
      if (now && now.text !== (said.length ? said[said.length - 1].text : "")) said.push({ text: now.text, at: Date.now() - start });
      if (now && now.text === "Searching…") visible = now.shown && now.live === "polite";
      if (now && /^\d+ results?/.test(now.text)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const texts = said.map((s) => s.text);
    const searching = texts.indexOf("Searching…");
    check("slow link: \"Searching…\" shows while the index loads", searching >= 0, said);
    check("slow link: it is visible, in a polite live region", visible, said);
    check("slow link: the count replaces it", searching >= 0 && /^\d+ results?/.test(texts[texts.length - 1]) && texts.length - 1 > searching, said);
    check("slow link: the results are shown", (await page.evaluate(TITLES)).length > 0);
    check("slow link: the page is no longer busy",
      await page.evaluate("!document.getElementById('search-app').hasAttribute('aria-busy') && !document.getElementById('search-app').classList.contains('search-busy')"));
  } finally {
    server.close();
  }
}

// -- Labels in the site's language -----------------------------------------

/** What a case of 26 June 2024 shows on a site in each language. */
const CASE_OF_26_JUNE_2024 = { fr: "Affaire · 26 juin 2024", ar: "قضية · 26 يونيو 2024", en: "Case · 26 June 2024" };
const TYPE_CASE = { fr: "Affaire", ar: "قضية", en: "Case" };

async function labels(page, base, lang) {
  await page.goto(base + "search.html?q=" + encodeURIComponent("EX-01/24"));
  await page.waitFor("document.querySelectorAll('.search-result').length > 0 && " + SETTLED, "results on the " + lang + " site");
  const lines = await page.evaluate("Array.from(document.querySelectorAll('.search-result .result-meta')).map(p => p.textContent)");
  const expected = CASE_OF_26_JUNE_2024[lang];
  check(lang + ": a result line shows the type and the date in the site's language (" + expected + ")",
    lines.length >= 2 && lines.every((line) => line.startsWith(expected + " · ")), lines);
  const facet = await page.evaluate("(document.querySelector('[data-filter=\"type:case\"]') || {}).textContent");
  check(lang + ": the type facet is named in the site's language", typeof facet === "string" && facet.startsWith(TYPE_CASE[lang] + " "), facet);
  const heading = await page.evaluate("(document.getElementById('facet-type') || {}).textContent");
  const meta = await page.evaluate("document.getElementById('search-app').getAttribute('data-meta-type')");
  check(lang + ": the facets' names come from the translation file", heading === meta, { heading, meta });
  const direction = await page.evaluate("getComputedStyle(document.querySelector('.search-result .result-meta')).direction");
  check(lang + ": the result line runs in the page's direction", direction === (lang === "ar" ? "rtl" : "ltr"), direction);
}

/**
 * Runs `steps(page)` in one browser, failing after two minutes (a hung
 * browser); then reports, and exits.
 */
async function inBrowser(steps, cleanup) {
  const browser = startBrowser();
  const stop = watchdog(120000, () => browser.close());
  try {
    await steps(await openPage(browser));
  } catch (error) {
    failed++;
    console.log("FAIL " + (error && error.stack ? error.stack : error));
  } finally {
    stop();
    if (cleanup) cleanup();
    await browser.close();
  }
  console.log(passed + " passed, " + failed + " failed");
  process.exit(failed ? 1 : 0);
}

async function main() {
  const publicDir = path.resolve(process.argv[2]);
  const mode = process.argv[3];
  const base = "file://" + publicDir + "/";
  if (mode === "phone") {
    return inBrowser(async (page) => {
      await phone(page, base);
      await viewport(page, WIDE);
      await slowLink(page, publicDir);
    });
  }
  if (mode === "labels") return inBrowser((page) => labels(page, base, process.argv[4]));
  const server = await serve(publicDir);
  return inBrowser(async (page) => {
    await scenarios(page, base, "file://");
    await scenarios(page, "http://127.0.0.1:" + server.address().port + "/", "http");
  }, () => server.close());
}

if (require.main === module) {
  main();
} else {
  module.exports = { startBrowser, openPage, serve };
}
