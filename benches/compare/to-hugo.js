// Copies an amicus corpus into a Hugo site's content/ folder: the same
// Markdown and front matter, with `date:` renamed `decided:` (Hugo cannot
// read a date given as a year or a month) and `year:` added for the year
// taxonomy, as amicus has one.
//
//   node to-hugo.js CORPUS_DIR HUGO_CONTENT_DIR
"use strict";
const fs = require("fs");
const path = require("path");

const [from, to] = process.argv.slice(2);
for (const folder of fs.readdirSync(from)) {
  const source = path.join(from, folder);
  if (!fs.statSync(source).isDirectory()) continue;
  fs.mkdirSync(path.join(to, folder), { recursive: true });
  fs.writeFileSync(path.join(to, folder, "_index.md"), `---\ntitle: ${folder}\n---\n`);
  for (const name of fs.readdirSync(source)) {
    if (!name.endsWith(".md")) continue;
    const text = fs.readFileSync(path.join(source, name), "utf8");
    const converted = text.replace(/^date: (\d{4})(.*)$/m, (_, year, rest) =>
      `decided: "${year}${rest}"\nyears: ["${year}"]`
    ).replace(/^court: (.*)$/m, (line, court) => `${line}\ncourts: [${JSON.stringify(court.replace(/^"|"$/g, ""))}]`);
    fs.writeFileSync(path.join(to, folder, name), converted);
  }
}
