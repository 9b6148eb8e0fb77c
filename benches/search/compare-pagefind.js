// Bytes and requests a query costs in a real browser (headless Chromium,
// site served on 127.0.0.1), for amicus's search page and for Pagefind's
// JavaScript API on the same built site, after the page itself has loaded.
//
//   node compare-pagefind.js SITE_WITH_AMICUS SITE_WITH_PAGEFIND QUERIES_JSON [--table]
//
// Prints a Markdown table, then (without --table) the top five titles of
// each side for each query. SITE_WITH_PAGEFIND "-" measures amicus alone
// (when Pagefind could not index the site), Pagefind's cells left empty.
//
// The Pagefind site is the same site with `npx pagefind --site DIR` run on
// it. Each query runs on a fresh page with an empty cache; Pagefind loads
// the data of the first 10 results, as amicus shows 10 snippets.
//
// Then each query runs again on a link as slow as Lighthouse's "slow 4G"
// (150 ms round trip, 1.6 Mbit/s), timed from asking for the page to the
// results shown: amicus's search page opened with the query in its address
// (its scripts and style included), Pagefind's empty page then its search
// (its JavaScript and WebAssembly included). There, round trips count as
// much as bytes. The server slows the link itself (each response waits a
// round trip, then the responses share the bandwidth one after another),
// since the browser's own throttling misses what Pagefind's worker loads.
"use strict";
const fs = require("fs");
const path = require("path");
const http = require("http");
const { startBrowser, openPage } = require("../../tests/browser/cdp.js");

/** Lighthouse's "slow 4G": 150 ms round trip, 1.6 Mbit/s. */
const SLOW_4G = { roundTrip: 150, bytesPerMs: 1.6e6 / 8 / 1000 };

// Counted on the server's side, so that requests from workers count too.
let served = [];
// On a slow link (`slow`), responses wait a round trip, then take their
// turn on the link: when it is free again, at its speed.
function serve(root, slow) {
  let linkFree = 0;
  function send(response, bytes) {
    if (!slow) return response.end(bytes);
    const now = Date.now();
    linkFree = Math.max(now + SLOW_4G.roundTrip, linkFree) + bytes.length / SLOW_4G.bytesPerMs;
    setTimeout(() => response.end(bytes), linkFree - now);
  }
  const server = http.createServer((request, response) => {
    const file = path.join(root, decodeURIComponent(new URL(request.url, "http://x").pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404);
      response.end();
      return;
    }
    const bytes = fs.readFileSync(file);
    served.push({ path: path.relative(root, file), bytes: bytes.length });
    const type = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" }[path.extname(file)];
    response.writeHead(200, type ? { "content-type": type } : {});
    send(response, bytes);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const [amicusSite, pagefindSite, queriesFile] = process.argv
  .slice(2, 5)
  .map((p, i) => (i < 2 && p !== "-" ? path.resolve(p) : p));
const withPagefind = pagefindSite !== "-";
const tableOnly = process.argv.includes("--table");
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));

// What a query costs: the files `counted` names, from the moment the page
// is asked for (amicus's search page loads its manifest as it opens, for
// the query to come: that counts).
async function measure(browser, url, run, settled, counted) {
  const page = await openPage(browser);
  await page.evaluate("1");
  served = [];
  await page.goto(url);
  await new Promise((r) => setTimeout(r, 300));
  const started = Date.now();
  await page.evaluate(run);
  await page.waitFor(settled);
  const elapsed = Date.now() - started;
  await new Promise((r) => setTimeout(r, 200));
  const after = served.filter((file) => counted(file.path));
  const result = await page.evaluate("window.__titles || Array.from(document.querySelectorAll('.result-title')).slice(0, 5).map(a => a.textContent)");
  return { requests: after.length, kib: after.reduce((sum, file) => sum + file.bytes, 0) / 1024, ms: elapsed, top: result };
}

// Milliseconds from asking for `url` (on a slow server) to `settled`,
// running `run` (if any) once the page has loaded.
async function measureSlow(browser, url, run, settled) {
  const page = await openPage(browser);
  await page.evaluate("1");
  const started = Date.now();
  await page.goto(url);
  if (run) await page.evaluate(run);
  await page.waitFor(settled);
  return Date.now() - started;
}

/** amicus's search page has shown its results. */
const AMICUS_SETTLED = "!document.getElementById('search-app').hasAttribute('aria-busy') && " +
  "/result/.test(document.getElementById('search-status').textContent)";

/** Pagefind's search for `query` with the data of its first 10 results. */
function pagefindRun(query) {
  return `(async () => { const pf = await import('/pagefind/pagefind.js'); const r = await pf.search(${JSON.stringify(query)});
    const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
    window.__titles = data.slice(0, 5).map(d => d.meta.title); window.__done = true; })(); 1`;
}

async function main() {
  if (withPagefind) {
    fs.writeFileSync(path.join(pagefindSite, "pf-harness.html"), "<!doctype html><meta charset=utf-8><title>pf</title><body>");
  }
  const browser = startBrowser();
  const a = await serve(amicusSite);
  const p = withPagefind ? await serve(pagefindSite) : null;
  const aSlow = await serve(amicusSite, true);
  const pSlow = withPagefind ? await serve(pagefindSite, true) : null;
  console.log("| query | amicus requests | amicus KiB | amicus ms | Pagefind requests | Pagefind KiB | Pagefind ms | amicus ms, slow 4G | Pagefind ms, slow 4G |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  const tops = [];
  for (const query of queries) {
    const amicus = await measure(
      browser,
      `http://127.0.0.1:${a.address().port}/search.html`,
      `document.getElementById('search-page-query').value = ${JSON.stringify(query)}; document.getElementById('search-form').requestSubmit(); 1`,
      AMICUS_SETTLED,
      (file) => file.startsWith("search/")
    );
    const pagefind = p && (await measure(
      browser,
      `http://127.0.0.1:${p.address().port}/pf-harness.html`,
      pagefindRun(query),
      "window.__done === true",
      (file) => file !== "pf-harness.html"
    ));
    const amicusSlow = await measureSlow(
      browser,
      `http://127.0.0.1:${aSlow.address().port}/search.html?q=${encodeURIComponent(query)}`,
      null,
      AMICUS_SETTLED
    );
    const pagefindSlow = pSlow && (await measureSlow(
      browser,
      `http://127.0.0.1:${pSlow.address().port}/pf-harness.html`,
      pagefindRun(query),
      "window.__done === true"
    ));
    const theirs = pagefind ? `${pagefind.requests} | ${pagefind.kib.toFixed(1)} | ${pagefind.ms}` : "– | – | –";
    console.log(`| ${query} | ${amicus.requests} | ${amicus.kib.toFixed(1)} | ${amicus.ms} | ${theirs} | ${amicusSlow} | ${pagefindSlow || "–"} |`);
    tops.push({ query, amicus: amicus.top, pagefind: pagefind && pagefind.top });
  }
  if (!tableOnly) console.log(JSON.stringify(tops, null, 1));
  for (const server of [a, p, aSlow, pSlow]) if (server) server.close();
  await browser.close();
  process.exit(0);
}
main().catch((e) => { console.error(e); process.exit(1); });
