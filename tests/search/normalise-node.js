// Checks the browser's normalisation (assets/search.js, with the folding
// table of a built site's manifest) against the shared test vector.
//
//   node normalise-node.js PUBLIC_DIR VECTOR_JSON
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [publicDir, vectorFile] = process.argv.slice(2);
// The manifest is deflated: search.js inflates it with its own inflater.
const context = vm.createContext({ TextDecoder });
context.globalThis = context;
context.amicusSearch = {
  loader(name, done) {
    const file = path.join(publicDir, "search", name + ".js");
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
    done(null);
  },
};
const { builtFile } = require("./engine-node.js");
context.amicusSearch.index = builtFile(publicDir, "search", "manifest").replace(/\.js$/, "");
for (const script of ["stemmer", "search"]) {
  vm.runInContext(fs.readFileSync(path.join(publicDir, "assets", builtFile(publicDir, "assets", script)), "utf8"), context);
}

async function main() {
  const vector = JSON.parse(fs.readFileSync(vectorFile, "utf8"));
  let failures = 0;
  for (const { text, words } of vector) {
    const got = await context.amicusSearch.normalise(text);
    if (JSON.stringify(got) !== JSON.stringify(words)) {
      failures++;
      console.log(`${JSON.stringify(text)}: expected ${JSON.stringify(words)}, got ${JSON.stringify(got)}`);
    }
  }
  console.log(`${vector.length - failures} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
}
main();
