// Runs the browser's search engine (assets/search.js of a built site) under
// Node, loading the shards from search/ the way a page would, one file per
// request, and prints what each query gives as JSON.
//
//   node engine-node.js PUBLIC_DIR QUERIES_JSON [LIMIT]
//
// QUERIES_JSON is a file holding a list of query strings. The output is a
// list of {query, total, ids, anchors, snippets, facets, notices, requests,
// trips, bytes}, where requests and bytes count the shard files the query
// loaded (after those loaded before), and trips groups them by round trip.
//
// Required as a module, it gives newEngine(publicDir) to other scripts
// (benches/search/query-times.js).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

/**
 * search.js of the site in `publicDir`, in a context of its own, loading
 * shards from its search/ folder: {api, loaded}, loaded listing the files
 * as they arrive ({name, shard, bytes, trip}): the file's name (with its
 * tag) and the shard the engine asked for (`terms-3`, the fourth terms
 * shard, whose file may be `terms-1.8f2c1a9b`).
 */
function newEngine(publicDir) {
  // The browser's APIs search.js uses. Without DecompressionStream
  // (INFLATE=js), or with one that refuses raw deflate as older browsers do
  // (INFLATE=refuse), it inflates texts itself.
  const web = { console, TextDecoder };
  if (process.env.INFLATE !== "js") Object.assign(web, { DecompressionStream, Blob, Response });
  if (process.env.INFLATE === "refuse") {
    web.DecompressionStream = class {
      constructor(format) {
        if (format === "deflate-raw") throw new TypeError("Unsupported compression format: 'deflate-raw'");
        return new DecompressionStream(format);
      }
    };
  }
  const context = vm.createContext(web);
  context.globalThis = context;
  const loaded = [];
  // Files arrive a turn of the event loop after they are asked for, as
  // over a network. A file asked for once every file of round trip N has
  // arrived belongs to round trip N + 1.
  let arrived = 0;
  // EAGER_DOC_SHARDS=0 loads the document table after the postings, as
  // on a table too large to come with the terms shards.
  const eager = process.env.EAGER_DOC_SHARDS;
  context.amicusSearch = {
    eagerDocShards: eager === undefined ? undefined : Number(eager),
    loader(name, done) {
      const trip = arrived + 1;
      // The engine notes the shard it asks for just before asking.
      const requested = context.amicusSearch.requested;
      const shard = requested[requested.length - 1];
      setImmediate(() => {
        const file = path.join(publicDir, "search", name + ".js");
        let source;
        try {
          source = fs.readFileSync(file, "utf8");
        } catch (error) {
          done(error);
          return;
        }
        loaded.push({ name, shard, bytes: Buffer.byteLength(source), trip });
        vm.runInContext(source, context, { filename: file });
        arrived = Math.max(arrived, trip);
        done(null);
      });
    },
  };
  context.amicusSearch.index = builtFile(publicDir, "search", "manifest").replace(/\.js$/, "");
  for (const script of ["stemmer", "search"]) {
    const file = path.join(publicDir, "assets", builtFile(publicDir, "assets", script));
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  }
  return { api: context.amicusSearch, loaded };
}

/**
 * The name in `folder` of the site's file `stem`, tagged with its content
 * (`search.8f2c1a9b.js`): the one file the build wrote under that stem.
 */
function builtFile(publicDir, folder, stem) {
  const pattern = new RegExp("^" + stem + "\\.[0-9a-f]{8}\\.js$");
  const found = fs.readdirSync(path.join(publicDir, folder)).filter((name) => pattern.test(name));
  if (found.length !== 1) throw new Error(`${folder}/: ${found.length} files ${stem}.TAG.js`);
  return found[0];
}

async function main() {
  const [publicDir, queriesFile, limitText] = process.argv.slice(2);
  const limit = Number(limitText || 5);
  const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
  const fresh = process.env.FRESH === "1";
  const results = [];
  let engine = newEngine(publicDir);
  for (const query of queries) {
    if (fresh) engine = newEngine(publicDir);
    const before = engine.loaded.length;
    const outcome = await engine.api.search(query, { limit });
    const files = engine.loaded.slice(before);
    results.push({
      query,
      total: outcome.total,
      ids: outcome.hits.slice(0, limit).map((hit) => hit.id),
      anchors: outcome.hits.slice(0, limit).map((hit) => (hit.snippet && hit.snippet.anchor) || null),
      snippets: outcome.hits.slice(0, limit).map((hit) => hit.snippet.segments.map((s) => [s.text, s.mark])),
      facets: outcome.facets.map((f) => [f.field, f.values.map((v) => [v.value, v.count])]),
      notices: outcome.notices,
      // The shards the files hold (`terms-3`).
      requests: files.map((f) => f.shard),
      // The files, grouped by the round trip that brought them.
      trips: [...new Set(files.map((f) => f.trip))].map((trip) => files.filter((f) => f.trip === trip).map((f) => f.shard)),
      bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    });
  }
  process.stdout.write(JSON.stringify(results, null, 1) + "\n");
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error && error.stack ? error.stack : error);
    process.exit(1);
  });
} else {
  module.exports = { newEngine, builtFile };
}
