// The live preview, `amicus serve`, answers only its own pages. A page of
// another origin open in the same browser must read nothing of it: not by
// including its search shards as scripts (they call `amicusSearch.add`,
// which such a page can define to catch drafts), not by fetch, not in a
// frame. Two such origins are tried, on the machine itself:
//   - http://localhost:OTHER/  (another site: Sec-Fetch-Site cross-site)
//   - http://127.0.0.1:OTHER/  (the same site, another origin: same-site)
// while the preview's own search page still finds the draft. Then the same
// without --drafts.
//
//   node cross-origin.js AMICUS_BINARY FIXTURE_PROJECT
//
// FIXTURE_PROJECT holds corpus/ (with a draft whose title is DRAFT) and
// amicus.yaml. CHROMIUM names the browser. Prints one line per check and a
// closing "N passed, N failed"; exits non-zero on a failure.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");
const zlib = require("zlib");
const { startBrowser, openPage, reporter, watchdog } = require("./cdp.js");

const binary = process.argv[2] ? path.resolve(process.argv[2]) : null;
const fixture = process.argv[3] ? path.resolve(process.argv[3]) : null;
const report = reporter();
const check = report.check;
const WAIT_MS = 30000;
const DRAFT = "CANARY-DRAFT-TITLE-77c2";

/** `amicus serve --port 0` on `project`; resolves to its address. */
function startPreview(project, drafts) {
  const args = ["serve", "--port", "0", "--corpus", path.join(project, "corpus")];
  if (drafts) args.push("--drafts");
  const child = spawn(binary, args, { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr.on("data", (d) => { output += d; });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("amicus serve printed no address: " + output)), WAIT_MS);
    child.stdout.on("data", (d) => {
      output += d;
      const found = /http:\/\/(127\.0\.0\.1:\d+)\//.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error("amicus serve exited (" + code + "): " + output)); });
  });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill();
    setTimeout(resolve, 3000);
  });
  return { ready, stop };
}

/** GET over plain HTTP from Node (no browser headers): the preview's files. */
function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (d) => { body += d; });
      response.on("end", () => resolve({ status: response.statusCode, body }));
    }).on("error", reject);
  });
}

/**
 * The bytes of packed text, read as docs/search-format.md says: thirteen
 * bits in each two digits of printable ASCII but `"` and `\` (the low
 * digit first), six in a last lone digit.
 */
function packedBytes(text) {
  const digits = [];
  for (let code = 32; code < 127; code++) if (code !== 34 && code !== 92) digits.push(String.fromCharCode(code));
  let bits = "";
  for (let i = 0; i < text.length; i += 2) {
    const low = digits.indexOf(text[i]);
    if (i + 1 < text.length) bits += (low + 93 * digits.indexOf(text[i + 1])).toString(2).padStart(13, "0");
    else bits += low.toString(2).padStart(6, "0");
  }
  return Buffer.from((bits.match(/.{8}/g) || []).map((byte) => parseInt(byte, 2)));
}

/**
 * The names of the preview's manifest and first terms, text and positions
 * files, as its search page and manifest name them (each name carries a
 * tag of the file's content).
 */
async function searchFiles(address) {
  const page = await get("http://" + address + "/search.html");
  const index = (/data-index="([^"]+)"/.exec(page.body) || [])[1];
  const manifestFile = await get("http://" + address + "/search/" + index + ".js");
  const packed = JSON.parse(manifestFile.body.slice(manifestFile.body.indexOf(", ") + 2, manifestFile.body.lastIndexOf(")")));
  const manifest = JSON.parse(zlib.inflateRawSync(packedBytes(packed)).toString("utf8"));
  // The first file of each kind has the first tag (of its group).
  const tagged = (name, kind) => name + "." + manifest.tags[kind].slice(0, 8) + ".js";
  return [index + ".js", tagged("terms-0", "terms"), tagged("text-0", "text"), tagged("pos-0", "pos")];
}

/**
 * The other origin's page: it defines the shards' callback, includes every
 * search file of the preview as a script, fetches them, and frames an
 * entry page, recording everything it gets.
 */
function attackerPage(preview, files) {
  const scripts = files.map((file) =>
    `<script src="http://${preview}/search/${file}" onerror="window.blocked++"></script>`).join("\n");
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>other origin</title>
<script>
window.stolen = []; window.blocked = 0; window.fetched = []; window.framed = null;
window.amicusSearch = { add: function (name, data) { window.stolen.push(name + " " + JSON.stringify(data)); } };
</script>
${scripts}
</head><body>
<iframe id="frame" src="http://${preview}/cases/canary-draft-case.html"></iframe>
<script>
window.fetchesDone = Promise.all(${JSON.stringify(files)}.map(function (file) {
  return fetch("http://${preview}/search/" + file, { mode: "no-cors" }).then(function (r) {
    return r.type === "opaque" ? null : r.text();
  }).then(function (text) { if (text) window.fetched.push(text); }, function () {});
}).concat([fetch("http://${preview}/__amicus/state").then(function (r) { return r.text(); })
  .then(function (text) { window.fetched.push(text); }, function () {})]));
</script>
</body></html>`;
}

/** Serves `page()` at every path, on 127.0.0.1 (a free port). */
function startOtherOrigin(page) {
  const server = http.createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(page());
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function tryFrom(browser, origin, preview, label) {
  const page = await openPage(browser);
  await page.goto(origin + "/");
  await page.evaluate("window.fetchesDone");
  // A frame's document of another origin cannot be read by the page; its
  // load is seen through the DevTools protocol instead: the frame's text.
  const seen = await page.evaluate(`({ stolen: window.stolen, blocked: window.blocked, fetched: window.fetched })`);
  const all = JSON.stringify(seen);
  check(label + ": no search shard of the preview ran in the other origin's page",
    seen.stolen.length === 0, seen.stolen.slice(0, 3));
  check(label + ": every shard was refused", seen.blocked > 0, seen);
  check(label + ": nothing was read by fetch", seen.fetched.length === 0, seen.fetched.slice(0, 2));
  check(label + ": the draft's title reached the page in no way", !all.includes(DRAFT), all.slice(0, 300));
  const { frameTree } = await page.send("Page.getFrameTree");
  const child = (frameTree.childFrames || [])[0];
  let framed = "";
  if (child) {
    const { executionContextId } = await page.send("Page.createIsolatedWorld", { frameId: child.frame.id });
    const result = await page.send("Runtime.evaluate", {
      expression: "document.documentElement ? document.documentElement.innerText : ''",
      contextId: executionContextId, returnByValue: true,
    });
    framed = String(result.result.value || "");
  }
  check(label + ": the preview does not show its pages in the other origin's frame",
    !framed.includes(DRAFT), framed.slice(0, 200));
  await page.send("Page.close").catch(() => {});
}

async function scenario(browser, project, drafts) {
  const preview = startPreview(project, drafts);
  try {
    const address = await preview.ready;
    // The small fixture's search files; each is there, and plain HTTP
    // (no browser, no page) still reads it.
    const files = await searchFiles(address);
    const direct = await Promise.all(files.map((file) => get("http://" + address + "/search/" + file)));
    check("the preview serves its search files " + (drafts ? "with --drafts" : "without --drafts"),
      direct.every((response) => response.status === 200 && response.body.startsWith("amicusSearch.add(")),
      direct.map((response) => response.status));
    const other = await startOtherOrigin(() => attackerPage(address, files));
    const port = other.address().port;
    const mode = drafts ? "with --drafts" : "without --drafts";
    try {
      await tryFrom(browser, "http://localhost:" + port, address, "localhost:OTHER " + mode);
      await tryFrom(browser, "http://127.0.0.1:" + port, address, "127.0.0.1:OTHER " + mode);
    } finally {
      other.close();
    }
    // The preview's own pages still work, search included.
    const own = await openPage(browser);
    const word = drafts ? DRAFT.toLowerCase() : "example";
    await own.goto("http://" + address + "/search.html?q=" + encodeURIComponent(word));
    const found = await own.poll("document.querySelectorAll('#search-results li, .search-results li').length", "results on the preview's search page", WAIT_MS).catch((e) => String(e));
    const text = await own.evaluate("document.body.innerText");
    check("the preview's own search page works " + mode, typeof found === "number" && found > 0, text.slice(0, 300));
    if (drafts) check("the preview's own search page finds the draft", text.includes(DRAFT), text.slice(0, 300));
    await own.send("Page.close").catch(() => {});
  } finally {
    await preview.stop();
  }
}

async function main() {
  if (!binary || !fs.existsSync(binary) || !fixture) {
    check("usage: node cross-origin.js AMICUS_BINARY FIXTURE_PROJECT", false, process.argv.slice(2));
    report.finish();
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "amicus-origin-"));
  const project = path.join(root, "site");
  fs.cpSync(fixture, project, { recursive: true });
  const browser = startBrowser();
  const cleanup = async () => {
    await browser.close();
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  const stop = watchdog(150000, cleanup);
  try {
    await scenario(browser, project, true);
    await scenario(browser, project, false);
  } catch (error) {
    report.error(error);
  } finally {
    stop();
    await cleanup();
  }
  report.finish();
}

main();
