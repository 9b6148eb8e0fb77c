// Stems words with the browser's stemmer (themes/default/static/stemmer.js),
// loaded as a page loads it (a classic script in a context of its own).
//
//   node stem-node.js WORDS_JSON
//
// WORDS_JSON is a file holding {"en": [word, …], "fr": […], …}; the output
// is the same object with each word replaced by its stem. The time spent
// stemming goes to stderr.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const script = path.join(__dirname, "..", "..", "themes", "default", "static", "stemmer.js");
const context = vm.createContext({});
context.globalThis = context;
vm.runInContext(fs.readFileSync(script, "utf8"), context, { filename: script });
const stem = context.amicusStem;

const lists = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const stems = {};
const times = [];
for (const lang of Object.keys(lists)) {
  const words = lists[lang];
  const started = process.hrtime.bigint();
  stems[lang] = words.map((word) => stem(lang, word));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  times.push(`${lang}: ${words.length} words in ${ms.toFixed(1)} ms`);
}
process.stdout.write(JSON.stringify(stems));
process.stderr.write(`stemmer.js: ${times.join(", ")}\n`);
