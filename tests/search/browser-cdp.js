// Drives a real headless Chromium over the DevTools protocol (through
// --remote-debugging-pipe: no WebSocket library, no npm package) through
// the search page of a built site, opened from file:// and from a local
// HTTP server on 127.0.0.1, and checks what a reader sees.
//
//   node browser-cdp.js PUBLIC_DIR
//
// CHROMIUM names the browser (default `chromium`). Prints one line per
// check and a closing "N passed, N failed"; exits non-zero on a failure.
"use strict";
const path = require("path");
// The DevTools client is shared with the other browser tests.
const { startBrowser, openPage, serve } = require("../browser/cdp.js");

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

  // Escaping: markup in a query is shown as text, never run.
  await search(page, base, "<img src=x onerror=window.pwned=1> gender");
  check(where + ": a query cannot inject markup", (await page.evaluate("!window.pwned && !document.querySelector('#search-app img')")) === true);
}

async function main() {
  const publicDir = path.resolve(process.argv[2]);
  const browser = startBrowser();
  const server = await serve(publicDir);
  const watchdog = setTimeout(() => {
    console.log("FAIL the browser test took too long");
    browser.close();
    process.exit(1);
  }, 120000);
  try {
    const page = await openPage(browser);
    await scenarios(page, "file://" + publicDir + "/", "file://");
    await scenarios(page, "http://127.0.0.1:" + server.address().port + "/", "http");
  } catch (error) {
    failed++;
    console.log("FAIL " + (error && error.stack ? error.stack : error));
  } finally {
    clearTimeout(watchdog);
    server.close();
    await browser.close();
  }
  console.log(passed + " passed, " + failed + " failed");
  process.exit(failed ? 1 : 0);
}

if (require.main === module) {
  main();
} else {
  module.exports = { startBrowser, openPage, serve };
}
