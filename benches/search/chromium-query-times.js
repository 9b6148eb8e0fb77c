// Processor time of the browser engine in headless Chromium, per query, on
// a built site opened from the file system:
//
//   node chromium-query-times.js PUBLIC_DIR QUERIES_JSON [--runs 20]
//
// cold: a fresh search page (its manifest and document table loaded and
// read, as the page does when it opens), the query's files not yet
// loaded; the main thread's task time (Chromium's `TaskDuration`:
// parsing and running the shards' scripts, inflating them, the search and
// its snippets) from the query until its results, not the time spent
// waiting for files.
// warm: the same query again on that page (its files loaded and parsed),
// `--runs` times; median and 95th percentile of the engine's wall time
// (`performance.now()`), which is all processor time once nothing loads.
"use strict";
const path = require("path");
const { startBrowser, openPage } = require("../../tests/browser/cdp.js");

const args = process.argv.slice(2);
const [publicDir, queriesFile] = args;
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 20;
const queries = require(path.resolve(queriesFile));

async function taskSeconds(page) {
  const { metrics } = await page.send("Performance.getMetrics");
  return metrics.find((m) => m.name === "TaskDuration").value;
}

async function main() {
  const browser = startBrowser();
  const url = "file://" + path.resolve(publicDir, "search.html");
  console.log("| query | results | cold: task ms | warm: median ms | warm: p95 ms |");
  console.log("|---|---:|---:|---:|---:|");
  const pooled = [];
  const colds = [];
  for (const query of queries) {
    const page = await openPage(browser);
    await page.send("Performance.enable", { timeDomain: "threadTicks" });
    await page.goto(url);
    // What the page loads and reads as it opens (the manifest, the
    // document table), done before the query, as the page does it.
    await page.evaluate("amicusSearch.prepare().catch(() => null).then(() => 1)");
    const before = await taskSeconds(page);
    const total = await page.evaluate(`amicusSearch.search(${JSON.stringify(query)}, { limit: 10 }).then((o) => o.total)`);
    const cold = ((await taskSeconds(page)) - before) * 1000;
    const times = await page.evaluate(`(async () => {
      const times = [];
      for (let i = 0; i < ${runs}; i++) {
        const start = performance.now();
        await amicusSearch.search(${JSON.stringify(query)}, { limit: 10 });
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b);
    })()`);
    pooled.push(...times);
    colds.push(cold);
    const at = (q) => quantile(times, q);
    console.log(`| ${query} | ${total} | ${cold.toFixed(1)} | ${at(0.5).toFixed(1)} | ${at(0.95).toFixed(1)} |`);
    await browser.send("Target.closeTarget", { targetId: (await page.send("Target.getTargetInfo")).targetInfo.targetId }).catch(() => null);
  }
  pooled.sort((a, b) => a - b);
  console.log(`| **all ${queries.length} queries** | | max ${Math.max(...colds).toFixed(1)} | ${quantile(pooled, 0.5).toFixed(1)} | ${quantile(pooled, 0.95).toFixed(1)} |`);
  await browser.close();
  process.exit(0);
}

/** The `q` quantile of sorted `values` (nearest rank). */
function quantile(values, q) {
  return values[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))];
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
