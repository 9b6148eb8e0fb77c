// Per query: requests, round trips and bytes loaded on a fresh page (after
// the page itself), results, and the time the browser engine takes under Node, cold
// (loading and parsing its shards from disk) and warm (shards loaded).
//
//   node query-times.js PUBLIC_DIR QUERIES_JSON
"use strict";
const fs = require("fs");
// The engine as the search tests run it: shards arriving a round trip at a time.
const { newEngine } = require("../../tests/search/engine-node.js");

const [publicDir, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));

(async () => {
  console.log("query | requests | round trips | KiB loaded | results | cold ms | warm ms");
  for (const query of queries) {
    const e = newEngine(publicDir);
    let start = process.hrtime.bigint();
    const outcome = await e.api.search(query, { limit: 10 });
    const cold = Number(process.hrtime.bigint() - start) / 1e6;
    start = process.hrtime.bigint();
    for (let i = 0; i < 10; i++) await e.api.search(query, { limit: 10 });
    const warm = Number(process.hrtime.bigint() - start) / 1e7;
    const kib = e.loaded.reduce((sum, file) => sum + file.bytes, 0) / 1024;
    const trips = new Set(e.loaded.map((file) => file.trip)).size;
    console.log(`${query} | ${e.loaded.length} | ${trips} | ${kib.toFixed(1)} | ${outcome.total} | ${cold.toFixed(1)} | ${warm.toFixed(1)}`);
  }
})();
