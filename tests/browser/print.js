// The print style sheet, in a real headless Chromium with the print media
// emulated (Emulation.setEmulatedMedia): on an entry page, the navigation,
// the search boxes, the footer, the skip link and the download links are
// not printed; the title, the body, the sources and the citation graph are;
// an external link is followed by its address; nothing is printed on a
// coloured background, and the text is black on white even when the screen
// is dark. The home page and the search page are checked likewise, and
// Page.printToPDF makes a PDF of the entry page.
//
//   node print.js PUBLIC_DIR
//
// PUBLIC_DIR is the built starter corpus. CHROMIUM names the browser
// (default `chromium`). Prints one line per check and a closing
// "N passed, N failed"; exits non-zero on a failure.
"use strict";
const fs = require("fs");
const path = require("path");
const { reporter, runSteps } = require("./cdp.js");

const publicDir = path.resolve(process.argv[2] || "");
const report = reporter();
const check = report.check;

// Functions run in the page: what is displayed, and what is printed after
// a link.
const HELPERS = `
  window.__shown = function (selector) {
    var all = document.querySelectorAll(selector);
    if (!all.length) return "missing";
    return Array.prototype.every.call(all, function (el) {
      return el.checkVisibility() && el.getClientRects().length > 0;
    }) ? "shown" : "hidden";
  };
  window.__display = function (selector) {
    var el = document.querySelector(selector);
    return el ? getComputedStyle(el).display : "missing";
  };
  window.__after = function (el) { return getComputedStyle(el, "::after").content; };
  true`;

async function media(page, type, scheme) {
  await page.send("Emulation.setEmulatedMedia", {
    media: type,
    features: [{ name: "prefers-color-scheme", value: scheme || "light" }],
  });
}

async function entryPage(page, site, scheme) {
  const where = "entry page, print (" + scheme + " screen)";
  await media(page, "screen", scheme);
  await page.goto(site + "cases/icc-al-hassan.html");
  await page.evaluate(HELPERS);
  // The same selectors are displayed on the screen: the checks below are
  // about print, not about a page that lacks them.
  const onScreen = await page.evaluate("['.site-header', '.site-nav', '#site-search', '.site-footer', '.sources a'].map(__shown)");
  check(where + ": the header, navigation, search box, footer and sources are on the screen",
    onScreen.every((s) => s === "shown"), onScreen);

  await media(page, "print", scheme);
  for (const selector of [".skip-link", ".site-header", ".site-nav", ".search-box", ".site-footer", ".breadcrumbs", ".exports"]) {
    const display = await page.evaluate("__display(" + JSON.stringify(selector) + ")");
    check(where + ": " + selector + " has display none", display === "none", display);
  }
  const hidden = await page.evaluate("['#site-search', '.site-nav a', '.site-footer a'].map(__shown)");
  check(where + ": no link of the navigation or the footer, nor the search box, is printed",
    hidden.every((s) => s === "hidden"), hidden);

  const shown = await page.evaluate("['article.entry h1', '.entry-body', '.entry-body p.numbered', '.metadata', '.cite-as .citation-text', '.sources', '.cited-by', 'svg.graph'].map(function (s) { return s + ': ' + __shown(s); })");
  check(where + ": the title, body, metadata, citation, sources, backlinks and graph are printed",
    shown.every((s) => s.endsWith(": shown")), shown);
  const title = await page.evaluate("document.querySelector('article.entry h1').textContent");
  check(where + ": the title is the entry's", title.startsWith("The Prosecutor v. Al Hassan"), title);
  const body = await page.evaluate("document.querySelector('.entry-body').innerText.length");
  check(where + ": the body has its text", body > 500, body);

  // An external source: its address after it.
  const source = await page.evaluate("(function () { var a = document.querySelector('.sources a[href^=\"http\"]'); return [a.getAttribute('href'), __after(a)]; })()");
  check(where + ": a source link is followed by its address", source[1].includes(source[0]), source);
  const url = await page.evaluate("__display('.sources .url')");
  check(where + ": the address is not printed twice", url === "none", url);
  // An external link in the body (the starter corpus has none: one is added).
  const external = await page.evaluate(`(function () {
    var a = document.createElement("a");
    a.href = "https://example.org/judgment.pdf";
    a.textContent = "the judgment";
    document.querySelector(".entry-body p.numbered").appendChild(a);
    return __after(a);
  })()`);
  check(where + ": an external link in the body is followed by its address", external.includes("https://example.org/judgment.pdf"), external);
  // Links inside the site read as their text: a title or a paragraph number.
  const internal = await page.evaluate(`Array.prototype.filter.call(document.querySelectorAll('.entry-body a'), function (a) {
    return !/^https?:/.test(a.getAttribute('href'));
  }).map(function (a) { return [a.textContent, __after(a), getComputedStyle(a).color]; })`);
  check(where + ": internal links read as text, without an address",
    internal.length > 0 && internal.every((l) => l[0].trim() !== "" && (l[1] === "none" || l[1] === "normal")), internal);

  // Ink: black text on white, no coloured backgrounds.
  const colours = await page.evaluate(`[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor,
    getComputedStyle(document.querySelector('.entry-body p')).color, getComputedStyle(document.querySelector('.entry-body a:not(.pinpoint)')).color]`);
  check(where + ": the text is black", colours[0] === "rgb(0, 0, 0)" && colours[2] === "rgb(0, 0, 0)" && colours[3] === "rgb(0, 0, 0)", colours);
  check(where + ": the page is not painted", ["rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"].includes(colours[1]), colours[1]);
  const painted = await page.evaluate(`Array.prototype.filter.call(document.querySelectorAll('body *'), function (el) {
    if (el.closest('svg') || el.classList.contains('swatch') || !el.checkVisibility()) return false;
    var bg = getComputedStyle(el).backgroundColor;
    return bg !== 'rgba(0, 0, 0, 0)' && bg !== 'rgb(255, 255, 255)';
  }).map(function (el) { return el.tagName.toLowerCase() + '.' + el.className + ' ' + getComputedStyle(el).backgroundColor; }).slice(0, 10)`);
  check(where + ": no element is printed on a coloured background", painted.length === 0, painted);

  // The graph: its labels black, its nodes in colour.
  const graph = await page.evaluate(`(function () {
    var svg = document.querySelector('svg.graph');
    var box = svg.getBoundingClientRect();
    var label = getComputedStyle(svg.querySelector('text')).fill;
    var node = getComputedStyle(svg.querySelector('circle.node')).fill;
    return [Math.round(box.width), Math.round(box.height), label, node, getComputedStyle(svg).printColorAdjust];
  })()`);
  check(where + ": the citation graph is printed at a readable size, labels black, nodes coloured",
    graph[0] >= 300 && graph[1] >= 100 && graph[2] === "rgb(0, 0, 0)" && graph[3] !== "none" && graph[3] !== "rgb(0, 0, 0)" && graph[4] === "exact", graph);
}

async function homePage(page, site) {
  const where = "home page, print";
  await media(page, "print");
  await page.goto(site + "index.html");
  await page.evaluate(HELPERS);
  const hidden = await page.evaluate("['.site-header', '.search-box-large', '.downloads-section', '.site-footer', '.timeline-table'].map(function (s) { return s + ': ' + __shown(s); })");
  check(where + ": the search boxes, downloads, footer and folded table are not printed", hidden.every((s) => s.endsWith(": hidden")), hidden);
  const shown = await page.evaluate("['main h1', 'svg.timeline', '.timeline-print table', '.cards .card-title'].map(function (s) { return s + ': ' + __shown(s); })");
  check(where + ": the title, timeline, its table and latest entries are printed", shown.every((s) => s.endsWith(": shown")), shown);
  // Stacked bar segments are outlined, so they stay apart on paper.
  const bar = await page.evaluate("(function () { var s = getComputedStyle(document.querySelector('svg.timeline rect')); return [s.stroke, s.strokeWidth]; })()");
  check(where + ": the timeline's bar segments are outlined in black", bar[0] === "rgb(0, 0, 0)" && bar[1] === "1px", bar);
}

async function searchPage(page, site) {
  const where = "search page, print";
  await media(page, "print");
  await page.goto(site + "search.html?q=gender%20persecution");
  await page.waitFor("document.querySelectorAll('#search-results .search-result').length > 0 && document.querySelectorAll('#search-facets button').length > 0", "search results");
  await page.evaluate(HELPERS);
  const hidden = await page.evaluate("['#search-form', '.search-facets', '.search-help', '.site-header'].map(function (s) { return s + ': ' + __shown(s); })");
  check(where + ": the search form, filters and help are not printed", hidden.every((s) => s.endsWith(": hidden")), hidden);
  const shown = await page.evaluate("['#search-status', '.search-result .result-title', '.search-result .result-snippet'].map(function (s) { return s + ': ' + __shown(s); })");
  check(where + ": the results are printed", shown.every((s) => s.endsWith(": shown")), shown);
  const mark = await page.evaluate("getComputedStyle(document.querySelector('.search-results mark')).backgroundColor");
  check(where + ": matched words are not painted", mark === "rgba(0, 0, 0, 0)", mark);
}

async function pdf(page, site) {
  await media(page, "print");
  await page.goto(site + "cases/icc-al-hassan.html");
  const { data } = await page.send("Page.printToPDF", { printBackground: false, preferCSSPageSize: true });
  const bytes = Buffer.from(data, "base64");
  const pages = (bytes.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  check("Page.printToPDF prints the entry page (" + bytes.length + " bytes, " + pages + " pages)",
    bytes.slice(0, 5).toString() === "%PDF-" && pages >= 1 && pages <= 12, { size: bytes.length, pages });
}

async function main() {
  if (!process.argv[2] || !fs.existsSync(path.join(publicDir, "index.html"))) {
    check("a built site is given (node print.js PUBLIC_DIR)", false, process.argv[2]);
    report.finish();
  }
  const site = "file://" + publicDir + "/";
  await runSteps(report, 120000, [
    (page) => entryPage(page, site, "light"),
    (page) => entryPage(page, site, "dark"),
    (page) => homePage(page, site),
    (page) => searchPage(page, site),
    (page) => pdf(page, site),
  ]);
}

main();
