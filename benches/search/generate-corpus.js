// Generates a large corpus for the search benchmarks by recombining the
// sentences of the starter corpus (deterministically: same arguments, same
// files). Not legal content: only for measuring sizes and times.
//
//   node generate-corpus.js STARTER_CORPUS OUT_CORPUS COUNT
"use strict";
const fs = require("fs");
const path = require("path");

const [starter, out, countText] = process.argv.slice(2);
const count = Number(countText || 3000);
const types = ["cases", "policies", "principles", "recommendations", "instruments", "reports"];
const countries = ["ML", "UG", "CD", "SD", "CO", "AF", "IQ", "MM", "NG", "SY"];
const grounds = ["gender", "religion", "ethnicity", "political-opinion", "sexual-orientation"];
const crimes = ["persecution", "rape", "forced-marriage", "sexual-slavery", "torture", "forced-pregnancy"];

// A small linear congruential generator: reproducible everywhere.
let seed = 20240626;
function next() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = (list) => list[Math.floor(next() * list.length)];

const sentences = [];
for (const type of types) {
  const folder = path.join(starter, type);
  if (!fs.existsSync(folder)) continue;
  for (const file of fs.readdirSync(folder).sort()) {
    const text = fs.readFileSync(path.join(folder, file), "utf8");
    const body = text.split(/^---$/m).slice(2).join("---");
    body
      .replace(/\[\[[^\]]*\]\]/g, "the entry")
      .replace(/^\[\d+\]\s*/gm, "")
      .replace(/^#+.*$/gm, "")
      .split(/(?<=[.!?])\s+/)
      .map((s) => s.replace(/\s+/g, " ").trim())
      .filter((s) => s.length > 30 && !s.includes("[") && !s.includes(":"))
      .forEach((s) => sentences.push(s));
  }
}

fs.rmSync(out, { recursive: true, force: true });
for (let i = 0; i < count; i++) {
  const type = types[i % types.length];
  const folder = path.join(out, type);
  fs.mkdirSync(folder, { recursive: true });
  const year = 1998 + Math.floor(next() * 27);
  const paragraphs = [];
  const length = 4 + Math.floor(next() * 12);
  for (let p = 1; p <= length; p++) {
    paragraphs.push(`[${p}] ` + [pick(sentences), pick(sentences), pick(sentences)].join(" "));
  }
  const who = type === "cases" ? `court: Trial Chamber ${1 + (i % 12)}\ncase_number: GEN-${String(i).padStart(5, "0")}/${year}` : "issuer: Generated issuer";
  const front = [
    "---",
    `title: "Generated ${type.replace(/s$|ies$/, "")} ${i}: ${pick(sentences).slice(0, 60).replace(/"/g, "")}"`,
    `date: ${year}-${String(1 + (i % 12)).padStart(2, "0")}`,
    who,
    `countries: [${pick(countries)}]`,
    `grounds: [${pick(grounds)}]`,
    `crimes: [${pick(crimes)}, ${pick(crimes) === "rape" ? "torture" : "persecution"}]`,
    `summary: "${pick(sentences).replace(/"/g, "")}"`,
    "---",
    "",
  ].join("\n");
  fs.writeFileSync(path.join(folder, `generated-${i}.md`), front + paragraphs.join("\n\n") + "\n");
}
console.log(`${count} entries from ${sentences.length} sentences in ${out}`);
