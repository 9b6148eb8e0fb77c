// Writes the algorithms of themes/default/static/stemmer.js: translates the
// Rust stemmers the crate frostem generated from Snowball (the ones tantivy
// stems the index with) into JavaScript, line by line, and puts them between
// the BEGIN GENERATED and END GENERATED lines of stemmer.js.
//
//   node tests/search/stemmer-gen.js [FROSTEM_SRC_DIR]
//
// Without an argument, the frostem of Cargo.lock in the cargo registry.
// Run it when tantivy moves to another frostem, then tests/testsuite/search_stems.rs.
//
// The generated Rust is regular: labelled `loop`s (a labelled block in
// JavaScript when it never runs twice, dropped when nothing breaks out of
// it), `for _ in 0..1` (a block), `match` (a switch), `among` tables,
// groupings, and calls of SnowballEnv, whose JavaScript twin in stemmer.js
// has the same names. Anything else stops the script: the translation
// is exact or there is none.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

const LANGS = [["en", "english"], ["fr", "french"], ["es", "spanish"], ["ru", "russian"], ["ar", "arabic"]];

// A Rust string literal's text (no quotes) as a JS literal's text, ASCII only.
function jsString(rust) {
  const value = rust.replace(/\\u\{([0-9A-Fa-f]+)\}/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/\\(["\\'])/g, "$1");
  let out = "";
  for (const ch of value) {
    const c = ch.codePointAt(0);
    if (c > 0xffff) throw new Error("astral character in a literal");
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (c < 0x20 || c > 0x7e) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out;
}

function translate(source, lang, code) {
  // Replace string literals by placeholders first, so that braces and
  // quotes inside them never confuse the line rules below.
  const strings = [];
  source = source.replace(/"((?:[^"\\]|\\.)*)"/g, (_, s) => {
    strings.push(jsString(s));
    return "\u0000" + (strings.length - 1) + "\u0001";
  });
  const lines = source.split("\n");
  const out = [];
  const stack = []; // what each open brace closes: "plain", "arm", "drop"
  let i = 0;
  let inTable = false;
  let rows = [];
  for (const raw of lines) {
    let line = raw.trim();
    i++;
    if (line === "" || line.startsWith("//") || line.startsWith("#") || line.startsWith("use ")) continue;
    if (line === "struct Context {") { stack.push("drop"); continue; }
    if (line === "let mut context = &mut Context {") { stack.push("drop"); continue; }
    let m;
    if ((m = line.match(/^static (A_\d+): &'static \[Among<Context>; \d+\] = &\[$/))) {
      out.push("var " + m[1] + " = amongs([");
      inTable = true;
      continue;
    }
    if (inTable) {
      if (line === "];") { out.push(...pack(rows, strings), "]);"); rows = []; inTable = false; continue; }
      m = line.match(/^Among\((\u0000\d+\u0001), (-?\d+), (-?\d+), None\),$/);
      if (!m) throw new Error(lang + ":" + i + ": among " + line);
      rows.push("[" + m[1] + ", " + m[2] + ", " + m[3] + "],");
      continue;
    }
    if ((m = line.match(/^static (G_\w+): &'static \[u8; \d+\] = &\[([\d, ]+)\];$/))) {
      out.push("var " + m[1] + " = [" + m[2] + "];");
      continue;
    }
    if ((m = line.match(/^(?:pub )?fn (\w+)\(env: &mut SnowballEnv(?:, context: &mut Context)?\) -> bool \{$/))) {
      out.push("function " + m[1] + "(env) {");
      stack.push("plain");
      continue;
    }
    if (line === "}" || line === "};") {
      const what = stack.pop();
      if (what === undefined) throw new Error(lang + ":" + i + ": unbalanced");
      if (what === "drop") continue;
      if (typeof what === "object") {
        // A loop whose body ends in a jump never runs twice (the generated
        // code never continues a 'lab loop): a labelled block says so.
        const last = out[out.length - 1];
        const continued = out.slice(what.at).indexOf("continue " + what.label + ";") >= 0;
        if (!continued && /^(break|continue) \w+;$|^return /.test(last)) {
          out[what.at] = what.label + ": {";
          if (last === "break " + what.label + ";") out.pop();
          // A block that nothing breaks out of is no block at all.
          if (out.slice(what.at).indexOf("break " + what.label + ";") < 0) {
            out[what.at] = null;
            continue;
          }
        }
        out.push("}");
        continue;
      }
      out.push(what === "arm" ? "} break;" : "}");
      continue;
    }
    if (line === "_ => ()") continue;
    if ((m = line.match(/^(\d+) => \{$/))) { out.push("case " + m[1] + ": {"); stack.push("arm"); continue; }
    if ((m = line.match(/^match (\w+) \{$/))) { out.push("switch (" + m[1] + ") {"); stack.push("plain"); continue; }
    if ((m = line.match(/^'(\w+): loop ?\{$/))) {
      out.push(m[1] + ": while (true) {");
      stack.push({ label: m[1], at: out.length - 1 });
      continue;
    }
    if ((m = line.match(/^'(\w+): for _ in 0\.\.1 \{$/))) { out.push(m[1] + ": {"); stack.push("plain"); continue; }

    // Expressions.
    line = line
      .replace(/\(env\.current\.chars\(\)\.count\(\) as i32\)/g, "env.count()")
      .replace(/env\.current\.as_bytes\(\)\[\(([^\]]*?)\) as usize\] as u8/g, "env.byte($1)")
      .replace(/\b(\d+) as (u8|i32)\b/g, "$1")
      .replace(/&(\u0000\d+\u0001)/g, "$1")
      .replace(/\(env, context\)/g, "(env)")
      .replace(/, context\)/g, ")")
      .replace(/\bbreak '(\w+);/g, "break $1;")
      .replace(/\bcontinue '(\w+);/g, "continue $1;")
      .replace(/^let mut (\w+)(?: : (?:i32|bool))?;$/, "var $1;")
      .replace(/^let (?:mut )?(\w+) = /, "var $1 = ");
    if (/^return (true|false)$/.test(line)) line += ";";
    if ((m = line.match(/^if (.*) \{(.*)$/))) {
      let cond = m[1];
      if (!(cond.startsWith("(") && balancedOuter(cond))) cond = "(" + cond + ")";
      line = "if " + cond + " {" + m[2];
      if (!m[2].endsWith("}")) stack.push("plain");
    } else if (line === "else {") {
      stack.push("plain");
    } else if (/[{}]/.test(line)) {
      throw new Error(lang + ":" + i + ": unexpected brace: " + line);
    }
    if (/'|\bas\b|::|&\S|\bmut\b|\blet\b/.test(line.replace(/&&/g, "").replace(/\u0000\d+\u0001/g, ""))) {
      throw new Error(lang + ":" + i + ": untranslated: " + line);
    }
    // JavaScript's bitwise operators bind looser than its comparisons, Rust's
    // tighter: only the parenthesised forms of the byte tests are known.
    const known = line.replace(/\(env\.byte\([^()]*\) & 0x1f\)/g, "").replace(/\) & 1\) == 0/g, "");
    if (/[^&|]([&|^])[^&|]/.test(known)) throw new Error(lang + ":" + i + ": bitwise operator: " + line);
    out.push(line);
  }
  if (stack.length) throw new Error(lang + ": unclosed braces");
  return compact(out.filter((l) => l !== null)).join("\n")
    .replace(/\b(A_\d+|G_\w+|r_\w+|stem)\b/g, (name) => code + "_" + name)
    .replace(/\benv\b/g, "z").replace(/\u0000(\d+)\u0001/g, (_, n) => '"' + strings[+n] + '"');
}

// Among rows, several to a line (strings counted at their final width).
function pack(rows, strings) {
  const lines = [];
  let line = "";
  for (const row of rows) {
    const width = (line + " " + row).replace(/\u0000(\d+)\u0001/g, (_, n) => '""' + strings[+n]).length;
    if (line && width > 96) { lines.push(line); line = row; }
    else line = line ? line + " " + row : row;
  }
  if (line) lines.push(line);
  return lines;
}

// One-statement bodies on one line: `if (c) {`, `s;`, `}` → `if (c) s;`,
// and `case n: {`, `s;`, `} break;` → `case n: s; break;`.
function compact(lines) {
  const out = [];
  for (let k = 0; k < lines.length; k++) {
    const simple = lines[k + 1] !== undefined && !/[{}]/.test(lines[k + 1]);
    if (/^if .* \{$/.test(lines[k]) && simple && lines[k + 2] === "}" && lines[k + 3] !== "else {") {
      out.push(lines[k].slice(0, -2) + " " + lines[k + 1]);
      k += 2;
    } else if (/^case \d+: \{$/.test(lines[k]) && simple && lines[k + 2] === "} break;") {
      out.push(lines[k].slice(0, -1) + lines[k + 1] + " break;");
      k += 2;
    } else {
      out.push(lines[k]);
    }
  }
  return out;
}

// Whether the parentheses opening `s` close at its very end.
function balancedOuter(s) {
  let depth = 0;
  for (let k = 0; k < s.length; k++) {
    if (s[k] === "(") depth++;
    else if (s[k] === ")") { depth--; if (depth === 0 && k < s.length - 1) return false; }
  }
  return depth === 0;
}

const repo = path.join(__dirname, "..", "..");
const dir = process.argv[2] || registryFrostem();
const version = path.basename(path.resolve(dir, "..")).replace(/^frostem-/, "");
const parts = [];
for (const [code, name] of LANGS) {
  const source = fs.readFileSync(path.join(dir, "algorithms", name + "_stemmer.rs"), "utf8");
  const header = source.split("\n")[0];
  const body = translate(source, name, code);
  parts.push("  // " + name + ": " + header.replace(/^\/\/ /, "") + "\n\n" + indent(body) + "\n");
}
const file = path.join(repo, "themes", "default", "static", "stemmer.js");
const script = fs.readFileSync(file, "utf8");
const begin = script.indexOf("  // BEGIN GENERATED");
const end = script.indexOf("  // END GENERATED");
if (begin < 0 || end < begin) throw new Error("stemmer.js has no BEGIN GENERATED … END GENERATED lines");
const generated =
  "  // BEGIN GENERATED by tests/search/stemmer-gen.js from frostem " + version + "\n" + parts.join("\n");
fs.writeFileSync(file, script.slice(0, begin) + generated + script.slice(end));
console.log("stemmer.js: algorithms of frostem " + version);

/** src/ of the frostem that Cargo.lock names, in the cargo registry. */
function registryFrostem() {
  const lock = fs.readFileSync(path.join(repo, "Cargo.lock"), "utf8");
  const found = lock.match(/name = "frostem"\nversion = "([^"]+)"/);
  if (!found) throw new Error("no frostem in Cargo.lock");
  const registry = path.join(process.env.CARGO_HOME || path.join(os.homedir(), ".cargo"), "registry", "src");
  for (const index of fs.readdirSync(registry)) {
    const src = path.join(registry, index, "frostem-" + found[1], "src");
    if (fs.existsSync(src)) return src;
  }
  throw new Error("frostem " + found[1] + " is not in " + registry + " (cargo fetch)");
}

// Indented by one space a level below the wrapper's two, to keep the file small.
function indent(text) {
  let depth = 0;
  return text.split("\n").map((l) => {
    if (/^[}\]]/.test(l)) depth--;
    const line = "  " + " ".repeat(depth) + l;
    if (/[{(\[]$/.test(l)) depth++;
    return line;
  }).join("\n");
}
