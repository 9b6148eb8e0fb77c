// The bytes a reader's browser fetches for a visit — the home page, a
// search, an entry page — on a first visit, and on a return visit after
// the site was redeployed with one entry changed, through a real headless
// Chromium and its HTTP cache. Against Pagefind's files on the same pages.
//
//   node benches/deploy/visits.js SITE_A SITE_B PAGEFIND_A PAGEFIND_B QUERY
//
// SITE_A and SITE_B are two builds of amicus (`--precompress`), before and
// after the edit; PAGEFIND_A and PAGEFIND_B the same sites with Pagefind's
// index added (`pagefind --site`), searched through Pagefind's JavaScript
// API, the data of its first 10 results loaded (its UI would add its own
// script and style sheet). Prints a Markdown table.
//
// The server acts as a static host: files named by their content (amicus:
// what `_headers` names; Pagefind: its `.pf_*` files, whose names carry a
// hash) are sent with `Cache-Control: public, max-age=31536000, immutable`,
// every other file with `no-cache` and an ETag, so that the browser asks
// again and gets `304 Not Modified` when it did not change. With gzip, a
// text file is sent compressed: its precompressed copy where there is one
// (amicus's `--precompress`), else compressed as it is sent (level 6, as
// hosts do); Pagefind's `.pf_*` files and WebAssembly are compressed
// already. VERBOSE=1 lists every file sent, on standard error.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const http = require("http");
const path = require("path");
const zlib = require("zlib");
const { startBrowser, openPage } = require("../../tests/browser/cdp.js");

const [siteA, siteB, pagefindA, pagefindB] = process.argv.slice(2, 6).map((p) => path.resolve(p));
const query = process.argv[6] || "gender persecution";

const IMMUTABLE = "public, max-age=31536000, immutable";
const TEXT = /\.(html|js|css|json|xml|svg)$/;

/** The paths `_headers` lets browsers keep for good (`/search/*` and each tagged asset). */
function immutablePaths(root) {
  const rules = fs.readFileSync(path.join(root, "_headers"), "utf8").split("\n");
  const kept = [];
  for (let i = 0; i < rules.length; i++) {
    if (rules[i].startsWith("/") && (rules[i + 1] || "").trim() === "Cache-Control: " + IMMUTABLE) kept.push(rules[i]);
  }
  return (pathname) => kept.some((rule) => (rule.endsWith("/*") ? pathname.startsWith(rule.slice(0, -1)) : pathname === rule));
}

/** Pagefind names its index, metadata, filter and fragment files by a hash of their content. */
const pagefindImmutable = (pathname) => /\.pf_(index|meta|fragment|filter)$/.test(pathname);

/**
 * A static host serving `host.root` (switched between builds), counting
 * what it sends: {path, status, bytes}.
 */
function startHost(immutable, gzip) {
  const host = { root: null, sent: [] };
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, "http://x").pathname);
    const file = path.join(host.root, pathname);
    if (!file.startsWith(host.root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      host.sent.push({ path: pathname, status: 404, bytes: 0 });
      response.writeHead(404);
      response.end();
      return;
    }
    let body = fs.readFileSync(file);
    const etag = '"' + crypto.createHash("sha1").update(body).digest("hex").slice(0, 16) + '"';
    const headers = {
      "content-type": { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" }[path.extname(file)] || "application/octet-stream",
      "cache-control": immutable(pathname) ? IMMUTABLE : "no-cache",
      etag,
    };
    if (request.headers["if-none-match"] === etag) {
      host.sent.push({ path: pathname, status: 304, bytes: 0 });
      response.writeHead(304, headers);
      response.end();
      return;
    }
    if (gzip && TEXT.test(file) && /gzip/.test(request.headers["accept-encoding"] || "")) {
      body = fs.existsSync(file + ".gz") ? fs.readFileSync(file + ".gz") : zlib.gzipSync(body, { level: 6 });
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = body.length;
    host.sent.push({ path: pathname, status: 200, bytes: body.length });
    response.writeHead(200, headers);
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    host.base = "http://127.0.0.1:" + server.address().port + "/";
    host.close = () => server.close();
    resolve(host);
  }));
}

const AMICUS_SETTLED = "!document.getElementById('search-app').hasAttribute('aria-busy') && " +
  "/result/.test(document.getElementById('search-status').textContent)";

/** A page that searches with Pagefind's API and loads its first 10 results' data. */
const PAGEFIND_PAGE = `<!doctype html><meta charset="utf-8"><title>search</title>
<script type="module">
const pagefind = await import("./pagefind/pagefind.js");
const found = await pagefind.search(new URLSearchParams(location.search).get("q"));
const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
window.__urls = data.map((d) => d.url);
window.__done = true;
</script>`;

/** One visit: the home page, the search, then `entry`; what the host sent for it. */
async function visit(browser, host, search, entry) {
  const page = await openPage(browser);
  const before = host.sent.length;
  await page.goto(host.base + "index.html");
  await page.goto(host.base + search.page + "?q=" + encodeURIComponent(query));
  await page.waitFor(search.settled, "the search's results");
  const found = await page.evaluate(search.first);
  await page.goto(host.base + (entry || found));
  await new Promise((r) => setTimeout(r, 300));
  await page.send("Page.close").catch(() => {});
  const sent = host.sent.slice(before);
  if (process.env.VERBOSE) console.error(sent.map((s) => `${s.status} ${s.bytes} ${s.path}`).join("\n") + "\n");
  return {
    entry: entry || found,
    requests: sent.length,
    revalidated: sent.filter((s) => s.status === 304).length,
    kib: sent.reduce((sum, s) => sum + s.bytes, 0) / 1024,
  };
}

/** A first visit to build A, then, with the cache it left, a return visit to build B. */
async function firstThenReturn(browser, roots, immutable, search, gzip, entry) {
  const host = await startHost(immutable, gzip);
  host.root = roots[0];
  const first = await visit(browser, host, search, entry);
  host.root = roots[1];
  const again = await visit(browser, host, search, first.entry);
  host.close();
  return { first, again };
}

async function main() {
  for (const root of [pagefindA, pagefindB]) fs.writeFileSync(path.join(root, "pf-search.html"), PAGEFIND_PAGE);
  const browser = startBrowser();
  const amicus = {
    page: "search.html",
    settled: AMICUS_SETTLED,
    first: "document.querySelector('.search-result .result-title').getAttribute('href')",
  };
  const pagefind = {
    page: "pf-search.html",
    settled: "window.__done === true",
    first: "window.__urls[0].replace(/^\\//, '')",
  };
  const rows = [];
  for (const gzip of [false, true]) {
    const mine = await firstThenReturn(browser, [siteA, siteB], immutablePaths(siteA), amicus, gzip);
    // The pages are amicus's on both sides, cached alike.
    const amicusImmutable = immutablePaths(siteA);
    const either = (pathname) => pagefindImmutable(pathname) || amicusImmutable(pathname);
    const theirs = await firstThenReturn(browser, [pagefindA, pagefindB], either, pagefind, gzip, mine.first.entry);
    const cell = (v) => `${v.kib.toFixed(1)} KiB, ${v.requests} requests` + (v.revalidated ? ` (${v.revalidated} not modified)` : "");
    rows.push(`| ${gzip ? "gzip" : "none"} | first visit | ${cell(mine.first)} | ${cell(theirs.first)} | ${(mine.first.kib / theirs.first.kib).toFixed(2)} |`);
    rows.push(`| ${gzip ? "gzip" : "none"} | return after a redeploy | ${cell(mine.again)} | ${cell(theirs.again)} | ${(mine.again.kib / theirs.again.kib).toFixed(2)} |`);
    if (!gzip) console.error("entry page visited: " + mine.first.entry);
  }
  console.log(`Visit: home page → search for "${query}" → its first result's page.`);
  console.log("");
  console.log("| compression | visit | amicus | Pagefind (same pages) | ratio |");
  console.log("|---|---|---:|---:|---:|");
  rows.forEach((row) => console.log(row));
  await browser.close();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
