// nDCG@10 of amicus and of Pagefind on the relevance set
// (tests/search/relevance.json): the same built site, the same queries.
//
//   node benches/search/relevance.js PUBLIC [PAGEFIND_SITE] [--verbose] [--json]
//
// PUBLIC is a site built by amicus from the starter corpus; amicus's
// results are those of the site's own browser engine (assets/search.js,
// run under Node over PUBLIC/search/ by tests/search/engine-node.js), which
// ranks as `amicus search` does. PAGEFIND_SITE is the same pages with a
// Pagefind index (`node_modules/.bin/pagefind --site DIR`). Without it,
// Pagefind indexes two copies of PUBLIC in a temporary folder: the whole
// site, as `pagefind --site` does by default (listing pages included), and
// the entry pages alone (the other HTML pages removed first), as a site
// that marked its entries for Pagefind would have it.
//
// Pagefind runs in headless Chromium (CHROMIUM, default `chromium`),
// through its JavaScript API, loaded from an entry page in the site's
// language (Pagefind searches the index of the page's language), with the
// query as typed: it has no filter, exclusion or citation syntax of its
// own, so those queries test what its user gets. Its result URLs are mapped
// back to entry ids through PUBLIC/entries.json; a result that is not an
// entry page (a listing, the home page) counts as not relevant, as it
// takes a place in the first ten.
//
// Prints a Markdown table (query, amicus nDCG@10, Pagefind nDCG@10,
// winner, and Pagefind over the entry pages alone) and the means;
// --verbose adds each side's first ten with their grades, --json prints
// everything as JSON instead.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");
const { startBrowser, openPage, serve } = require("../../tests/browser/cdp.js");
const { newEngine } = require("../../tests/search/engine-node.js");

const ROOT = path.resolve(__dirname, "../..");
const SET = path.join(ROOT, "tests/search/relevance.json");
const DEPTH = 10;

/** DCG of `grades` (in ranked order) at DEPTH: Σ (2^rel − 1) / log2(i + 1). */
function dcg(grades) {
  return grades.slice(0, DEPTH).reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0);
}

/**
 * nDCG@10 of the ranked `ids` against `judgments` ({id: grade}); null
 * stands for a result that is not an entry, and an entry repeated counts
 * once, where it first stands.
 */
function ndcg(ids, judgments) {
  const ideal = dcg(Object.values(judgments).sort((a, b) => b - a));
  const seen = new Set();
  const grades = ids
    .filter((id) => id === null || (!seen.has(id) && seen.add(id)))
    .map((id) => (id && judgments[id]) || 0);
  return ideal > 0 ? dcg(grades) / ideal : 0;
}

/** The ids of amicus's first ten results for each query. */
async function amicusRankings(publicDir, queries) {
  const engine = newEngine(publicDir);
  const rankings = [];
  for (const query of queries) {
    const outcome = await engine.api.search(query, { limit: DEPTH });
    rankings.push(outcome.hits.slice(0, DEPTH).map((hit) => hit.id));
  }
  return rankings;
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir, prefix = "") {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((item) => {
    const relative = path.posix.join(prefix, item.name);
    return item.isDirectory() ? filesUnder(dir, relative) : [relative];
  });
}

/**
 * A copy of `publicDir` indexed by Pagefind, in a temporary folder; with
 * `entriesOnly`, the HTML pages that are not entries are removed first.
 */
function pagefindCopy(publicDir, paths, entriesOnly) {
  const pagefind = path.join(ROOT, "node_modules/.bin/pagefind");
  if (!fs.existsSync(pagefind)) {
    throw new Error("Pagefind is not installed: run `npm ci` in " + ROOT);
  }
  const site = fs.mkdtempSync(path.join(os.tmpdir(), "amicus-relevance-"));
  fs.cpSync(publicDir, site, { recursive: true });
  if (entriesOnly) {
    for (const file of filesUnder(site)) {
      if (file.endsWith(".html") && !paths.has(file)) fs.rmSync(path.join(site, file));
    }
  }
  execFileSync(pagefind, ["--site", site], { stdio: ["ignore", "ignore", "inherit"] });
  return site;
}

/** The site's entries.json. */
function entriesOf(publicDir) {
  return JSON.parse(fs.readFileSync(path.join(publicDir, "entries.json"), "utf8"));
}

/** Entry ids by the path of their page ("cases/icc-ongwen.html"). */
function entryPaths(entries) {
  return new Map(entries.entries.map((entry) => [entry.url.replace(/^\/+/, ""), entry.id]));
}

/** The path of an entry page in the site's own language. */
function pageInSiteLanguage(entries) {
  const language = entries.site.language;
  const entry = entries.entries.find((e) => !e.lang || e.lang === language);
  return entry.url.replace(/^\/+/, "");
}

/** The page's path in a Pagefind result URL ("/cases/icc-ongwen.html#p2"). */
function pagePath(url) {
  const pathname = decodeURIComponent(new URL(url, "http://site/").pathname).replace(/^\/+/, "");
  return pathname === "" || pathname.endsWith("/") ? pathname + "index.html" : pathname;
}

/**
 * The entry ids of Pagefind's first ten results for each query (null for
 * a result that is not an entry page), and its raw result paths.
 */
async function pagefindRankings(site, queries, paths, start) {
  const server = await serve(site);
  const browser = startBrowser();
  try {
    const page = await openPage(browser);
    // Pagefind's API is imported into a page of the site, whose language
    // chooses the index searched.
    await page.goto(`http://127.0.0.1:${server.address().port}/${start}`);
    await page.evaluate("window.__pf = import('/pagefind/pagefind.js'); 1");
    const rankings = [];
    const urls = [];
    for (const query of queries) {
      const found = await page.evaluate(`(async () => {
        const pf = await window.__pf;
        const search = await pf.search(${JSON.stringify(query)});
        const data = await Promise.all(search.results.slice(0, ${DEPTH}).map((r) => r.data()));
        return data.map((d) => d.url);
      })()`);
      const pagePaths = found.map(pagePath);
      urls.push(pagePaths);
      rankings.push(pagePaths.map((p) => paths.get(p) || null));
    }
    return { rankings, urls };
  } finally {
    await browser.close();
    server.close();
  }
}

function winner(a, p) {
  if (Math.abs(a - p) < 0.005) return "tie";
  return a > p ? "amicus" : "Pagefind";
}

/** Queries written with amicus's syntax (filters, exclusions, quotes, citations). */
function usesSyntax(query) {
  return /(^|\s)-|"|\b[a-z]+:|\d\(/.test(query);
}

function mean(values) {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

/** Pagefind's rankings over `site`, or over a copy of `publicDir` it makes. */
async function pagefindSide(site, publicDir, entries, queries, entriesOnly) {
  const paths = entryPaths(entries);
  const indexed = site || pagefindCopy(publicDir, paths, entriesOnly);
  try {
    return await pagefindRankings(indexed, queries, paths, pageInSiteLanguage(entries));
  } finally {
    if (!site) fs.rmSync(indexed, { recursive: true, force: true });
  }
}

async function main() {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith("--")));
  const [publicArg, pagefindArg] = args.filter((a) => !a.startsWith("--"));
  if (!publicArg) {
    console.error("usage: node benches/search/relevance.js PUBLIC [PAGEFIND_SITE] [--verbose] [--json]");
    process.exit(2);
  }
  const publicDir = path.resolve(publicArg);
  const set = JSON.parse(fs.readFileSync(SET, "utf8")).queries;
  const queries = set.map((q) => q.query);
  const entries = entriesOf(publicDir);
  const paths = entryPaths(entries);
  const known = new Set(paths.values());
  for (const q of set) {
    for (const id of Object.keys(q.judgments)) {
      if (!known.has(id)) throw new Error(`${q.query}: judged entry ${id} is not in the site`);
    }
  }

  const amicus = await amicusRankings(publicDir, queries);
  const pagefindSite = pagefindArg ? path.resolve(pagefindArg) : null;
  const pagefind = await pagefindSide(pagefindSite, publicDir, entries, queries, false);
  const entryPages = pagefindSite ? null : await pagefindSide(null, publicDir, entries, queries, true);

  const rows = set.map((q, i) => {
    const a = ndcg(amicus[i], q.judgments);
    const p = ndcg(pagefind.rankings[i], q.judgments);
    return {
      query: q.query,
      amicus: a,
      pagefind: p,
      winner: winner(a, p),
      pagefindEntries: entryPages ? ndcg(entryPages.rankings[i], q.judgments) : null,
      syntax: usesSyntax(q.query),
      amicusIds: amicus[i],
      pagefindPages: pagefind.urls[i],
      pagefindEntryPages: entryPages ? entryPages.urls[i] : null,
    };
  });
  const plain = rows.filter((r) => !r.syntax);
  const summary = {
    queries: rows.length,
    judgments: set.reduce((sum, q) => sum + Object.keys(q.judgments).length, 0),
    amicus: mean(rows.map((r) => r.amicus)),
    pagefind: mean(rows.map((r) => r.pagefind)),
    pagefindEntries: entryPages ? mean(rows.map((r) => r.pagefindEntries)) : null,
    plain: plain.length,
    amicusPlain: mean(plain.map((r) => r.amicus)),
    pagefindPlain: mean(plain.map((r) => r.pagefind)),
    pagefindEntriesPlain: entryPages ? mean(plain.map((r) => r.pagefindEntries)) : null,
    wins: {
      amicus: rows.filter((r) => r.winner === "amicus").length,
      pagefind: rows.filter((r) => r.winner === "Pagefind").length,
      tie: rows.filter((r) => r.winner === "tie").length,
    },
  };
  if (flags.has("--json")) {
    process.stdout.write(JSON.stringify({ summary, rows }, null, 1) + "\n");
    return;
  }

  const cell = (query) => "`" + query.replace(/\|/g, "\\|") + "`";
  const value = (v) => (v === null ? "–" : v.toFixed(3));
  const extra = (v) => (entryPages ? ` ${value(v)} |` : "");
  console.log("| query | amicus nDCG@10 | Pagefind nDCG@10 | winner |" + (entryPages ? " Pagefind, entry pages only |" : ""));
  console.log("|---|---:|---:|---|" + (entryPages ? "---:|" : ""));
  for (const r of rows) {
    console.log(`| ${cell(r.query)} | ${value(r.amicus)} | ${value(r.pagefind)} | ${r.winner} |${extra(r.pagefindEntries)}`);
  }
  console.log(`| **mean, all ${summary.queries} queries** | **${value(summary.amicus)}** | **${value(summary.pagefind)}** | ${winner(summary.amicus, summary.pagefind)} |${extra(summary.pagefindEntries)}`);
  console.log(`| mean, the ${summary.plain} queries without quotes, filters, exclusions or article citations | ${value(summary.amicusPlain)} | ${value(summary.pagefindPlain)} | ${winner(summary.amicusPlain, summary.pagefindPlain)} |${extra(summary.pagefindEntriesPlain)}`);
  console.log("");
  console.log(`${summary.queries} queries, ${summary.judgments} judgments; amicus wins ${summary.wins.amicus}, Pagefind ${summary.wins.pagefind}, ties ${summary.wins.tie}.`);
  if (flags.has("--verbose")) {
    for (const [i, r] of rows.entries()) {
      const grades = set[i].judgments;
      const show = (pages) => pages.map((p) => `${p}=${grades[paths.get(p)] || 0}`).join(" ");
      console.log(`\n${r.query}  amicus ${value(r.amicus)}  Pagefind ${value(r.pagefind)}`);
      console.log("  amicus:   " + r.amicusIds.map((id) => `${id}=${grades[id] || 0}`).join(" "));
      console.log("  Pagefind: " + show(r.pagefindPages));
      if (r.pagefindEntryPages) console.log("  Pagefind, entry pages only: " + show(r.pagefindEntryPages));
    }
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error && error.stack ? error.stack : error);
    process.exit(1);
  });
} else {
  module.exports = { ndcg, dcg };
}
