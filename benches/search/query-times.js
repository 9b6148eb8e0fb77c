// Per query: requests and bytes loaded on a fresh page (after the page
// itself), results, and the time the browser engine takes under Node, cold
// (loading and parsing its shards from disk) and warm (shards loaded).
//
//   node query-times.js PUBLIC_DIR QUERIES_JSON
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [publicDir, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));

function engine() {
  const context = vm.createContext({ TextDecoder, DecompressionStream, Blob, Response });
  context.globalThis = context;
  const loaded = [];
  context.amicusSearch = {
    loader(name, done) {
      const source = fs.readFileSync(path.join(publicDir, "search", name + ".js"), "utf8");
      loaded.push(Buffer.byteLength(source));
      vm.runInContext(source, context);
      done(null);
    },
  };
  vm.runInContext(fs.readFileSync(path.join(publicDir, "assets", "search.js"), "utf8"), context);
  return { api: context.amicusSearch, loaded };
}

(async () => {
  console.log("query | requests | KiB loaded | results | cold ms | warm ms");
  for (const query of queries) {
    const e = engine();
    let start = process.hrtime.bigint();
    const outcome = await e.api.search(query, { limit: 10 });
    const cold = Number(process.hrtime.bigint() - start) / 1e6;
    start = process.hrtime.bigint();
    for (let i = 0; i < 10; i++) await e.api.search(query, { limit: 10 });
    const warm = Number(process.hrtime.bigint() - start) / 1e7;
    const kib = e.loaded.reduce((a, b) => a + b, 0) / 1024;
    console.log(`${query} | ${e.loaded.length} | ${kib.toFixed(1)} | ${outcome.total} | ${cold.toFixed(1)} | ${warm.toFixed(1)}`);
  }
})();
