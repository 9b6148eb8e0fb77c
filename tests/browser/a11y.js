// Runs axe-core (the npm devDependency in package.json; `npm ci` installs
// it) in a real headless Chromium over the pages of a built site, opened
// from file://: the home page, a type listing, an entry page, a taxonomy
// term page, the search page (with results, a pressed filter, a
// suggestion), the not-found page and, when a second site is given, its
// right-to-left (Arabic) entry page. Each page is checked in the light and
// the dark colour scheme, with its <details> open. A violation of impact
// "serious" or "critical" fails the test, with its rule, impact and the
// nodes at fault; lesser ones are printed as notes.
//
//   node a11y.js PUBLIC_DIR [RTL_PUBLIC_DIR]
//
// PUBLIC_DIR is the built starter corpus; RTL_PUBLIC_DIR a built copy of
// tests/fixtures/languages (its cases/judgment-ar.html is checked).
// Nothing is fetched: axe is read from node_modules/axe-core/axe.min.js.
// CHROMIUM names the browser (default `chromium`). Prints one line per
// check and a closing "N passed, N failed"; exits non-zero on a failure.
"use strict";
const fs = require("fs");
const path = require("path");
const { reporter, runSteps } = require("./cdp.js");

const AXE = path.join(__dirname, "..", "..", "node_modules", "axe-core", "axe.min.js");
const FAILING = ["serious", "critical"];

const publicDir = path.resolve(process.argv[2] || "");
const rtlDir = process.argv[3] ? path.resolve(process.argv[3]) : null;
const report = reporter();

function pages() {
  const site = "file://" + publicDir + "/";
  const list = [
    { name: "home page", url: site + "index.html" },
    { name: "type listing", url: site + "cases/index.html" },
    { name: "entry page", url: site + "cases/icc-al-hassan.html" },
    { name: "entry page at a paragraph (#p3, highlighted)", url: site + "cases/icc-al-hassan.html#p3" },
    { name: "taxonomy term page", url: site + "grounds/gender.html" },
    { name: "taxonomy index", url: site + "countries/index.html" },
    {
      name: "search page with results",
      url: site + "search.html?q=gender%20persecution",
      ready: "document.querySelectorAll('#search-results .search-result').length > 0 && " +
        "!document.getElementById('search-app').hasAttribute('aria-busy') && " +
        "document.querySelectorAll('#search-facets button').length > 0",
    },
    {
      name: "search page with a filter pressed",
      url: site + "search.html?q=persecution%20type%3Acase",
      ready: "document.querySelectorAll('#search-results .search-result').length > 0 && " +
        "!!document.querySelector('#search-facets button[aria-pressed=\"true\"]')",
    },
    {
      name: "search page with a suggestion",
      url: site + "search.html?q=gendr",
      ready: "document.querySelectorAll('#search-notices button').length > 0",
    },
    { name: "not-found page", url: site + "404.html" },
  ];
  if (rtlDir) {
    list.push({
      name: "Arabic (right-to-left) entry page",
      url: "file://" + rtlDir + "/cases/judgment-ar.html",
      ready: "document.documentElement.dir === 'rtl'",
    });
  }
  return list;
}

// What axe found, reduced to what a reader of the report needs.
const RUN_AXE = `axe.run(document, { resultTypes: ["violations"] }).then(function (results) {
  return results.violations.map(function (v) {
    return {
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(function (n) {
        return { target: n.target.join(" "), html: n.html.slice(0, 160), summary: (n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 300) };
      }),
    };
  });
})`;

async function audit(page, axeSource, target, scheme) {
  await page.send("Emulation.setEmulatedMedia", {
    media: "screen",
    features: [{ name: "prefers-color-scheme", value: scheme }],
  });
  // From a blank page, so that the same address with a #fragment loads anew.
  await page.goto("about:blank");
  await page.goto(target.url);
  if (target.ready) await page.waitFor(target.ready, target.name + " to be ready");
  // What a reader can unfold is checked unfolded (the timeline's table).
  await page.evaluate("document.querySelectorAll('details').forEach(function (d) { d.open = true; }); true");
  await page.evaluate(axeSource + "\n;true");
  const violations = await page.evaluate(RUN_AXE);
  const label = target.name + " (" + scheme + ")";
  const failing = violations.filter((v) => FAILING.includes(v.impact));
  violations.filter((v) => !FAILING.includes(v.impact)).forEach((v) => {
    console.log("note " + label + ": " + v.id + " (" + v.impact + ") " + v.help + " — " +
      v.nodes.map((n) => n.target).join(", "));
  });
  const detail = failing.map((v) => "\n    " + v.id + " (" + v.impact + "): " + v.help +
    v.nodes.map((n) => "\n      " + n.target + "  " + n.html + (n.summary ? "\n        " + n.summary : "")).join("")).join("");
  report.check(label + ": no serious or critical accessibility violation", failing.length === 0, detail);
}

async function main() {
  if (!process.argv[2] || !fs.existsSync(path.join(publicDir, "index.html"))) {
    report.check("a built site is given (node a11y.js PUBLIC_DIR [RTL_PUBLIC_DIR])", false, process.argv[2]);
    report.finish();
  }
  if (!fs.existsSync(AXE)) {
    report.check("axe-core is installed", false,
      AXE + " is missing: run `npm ci` at the repository root (.ci/run does it)");
    report.finish();
  }
  const axeSource = fs.readFileSync(AXE, "utf8");
  const audits = pages().flatMap((target) =>
    ["light", "dark"].map((scheme) => (page) => audit(page, axeSource, target, scheme)));
  // The RTL page really is right to left, with its interface in Arabic.
  const rtl = async (page) => {
    if (!rtlDir) return;
    await page.goto("file://" + rtlDir + "/cases/judgment-ar.html");
    const html = await page.evaluate("[document.documentElement.lang, document.documentElement.dir]");
    report.check("the Arabic page is lang=ar dir=rtl", html[0] === "ar" && html[1] === "rtl", html);
  };
  await runSteps(report, 180000, [...audits, rtl]);
}

main();
