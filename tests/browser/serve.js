// The editor's preview, `amicus serve`, in a real headless Chromium: a copy
// of the starter corpus (with amicus.yaml and themes/) is served, an entry
// page is opened, and then, without the test navigating:
//   1. the entry's title is edited on disk (saved atomically: a new file
//      renamed over it) and the open page reloads by itself and shows the
//      new title;
//   2. the entry is broken (it cites an unknown id) and an overlay appears
//      over the page naming the file and the problem, while the last good
//      page stays under it (and is still what the server serves);
//   3. the entry is fixed and the overlay goes away.
// Every wait is a bounded poll. Each save must make one rebuild and at most
// one reload (the version the server reports goes up by one per good build).
//
//   node serve.js AMICUS_BINARY [REPO_DIR]
//
// REPO_DIR holds corpus/, amicus.yaml and themes/ (default: this
// repository). CHROMIUM names the browser (default `chromium`). Prints one
// line per check and a closing "N passed, N failed"; exits non-zero on a
// failure.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { startBrowser, openPage, reporter, watchdog } = require("./cdp.js");

const binary = process.argv[2] ? path.resolve(process.argv[2]) : null;
const repo = path.resolve(process.argv[3] || path.join(__dirname, "..", ".."));
const report = reporter();
const check = report.check;
const WAIT_MS = 30000;

const ENTRY = "cases/icc-al-hassan";
const OLD_TITLE = "The Prosecutor v. Al Hassan Ag Abdoul Aziz Ag Mohamed Ag Mahmoud";
const NEW_TITLE = "The Prosecutor v. Al Hassan (edited in the preview)";
const GOOD_CITE = "  - rome-statute\n";
const BAD_CITE = "  - rome-statute\n  - no-such-entry\n";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls a condition in Node until it holds, for at most `ms`. */
async function until(condition, what, ms) {
  const start = Date.now();
  while (Date.now() - start < (ms || WAIT_MS)) {
    const value = condition();
    if (value) return value;
    await sleep(50);
  }
  throw new Error("timed out after " + (ms || WAIT_MS) + " ms waiting for " + what);
}

/**
 * Saves as editors do: a whole new file renamed over the entry. It is
 * written in `scratch`, a folder beside the watched ones on the same file
 * system, so that the save is one event however slowly the test runs.
 */
function save(file, from, to, scratch) {
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(file + " does not contain " + JSON.stringify(from));
  const temporary = path.join(scratch, path.basename(file) + ".tmp");
  fs.writeFileSync(temporary, text.replace(from, to));
  fs.renameSync(temporary, file);
}

/** `amicus serve --port 0` in `project`; resolves to its address. */
function startServer(project) {
  const child = spawn(binary, [
    "serve", "--port", "0",
    "--corpus", path.join(project, "corpus"),
  ], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
  const server = { child, log: "", address: null };
  child.stderr.on("data", (d) => { server.log += d; });
  let stdout = "";
  server.ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("amicus serve printed no address in " + WAIT_MS + " ms: " + stdout + server.log)), WAIT_MS);
    child.stdout.on("data", (d) => {
      stdout += d;
      const found = /http:\/\/([0-9.]+:\d+)\//.exec(stdout);
      if (found && !server.address) {
        server.address = found[1];
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.on("error", (error) => { clearTimeout(timer); reject(error); });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error("amicus serve exited (" + code + "): " + stdout + server.log));
    });
  });
  server.stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill();
    setTimeout(resolve, 3000);
  });
  return server;
}

/**
 * Follows the live-reload connection of a page through the Network domain:
 * which document is loaded (its loader id), and the `state` events that
 * document's EventSource received.
 */
function followLiveReload(browser, page) {
  const live = { document: null, loads: 0, loaderOfRequest: new Map(), states: [] };
  browser.listen((message) => {
    if (message.sessionId !== page.sessionId) return;
    const p = message.params;
    if (message.method === "Page.frameNavigated" && !p.frame.parentId) {
      live.document = p.frame.loaderId;
      live.loads++;
    } else if (message.method === "Network.requestWillBeSent" && p.request.url.includes("/__amicus/events")) {
      live.loaderOfRequest.set(p.requestId, p.loaderId);
    } else if (message.method === "Network.eventSourceMessageReceived" && p.eventName === "state") {
      live.states.push({ loader: live.loaderOfRequest.get(p.requestId), data: JSON.parse(p.data) });
    }
  });
  /** The state events received by the page as it is now. */
  live.current = () => live.states.filter((s) => s.loader && s.loader === live.document);
  return live;
}

const H1 = "(document.querySelector('article.entry h1') || {}).textContent";
const OVERLAY = "document.getElementById('amicus-build-error')";

async function scenario(browser, project, scratch, address) {
  const file = path.join(project, "corpus", ENTRY + ".md");
  const url = "http://" + address + "/" + ENTRY + ".html";
  const page = await openPage(browser);
  const live = followLiveReload(browser, page);
  await page.goto(url);
  check("the entry page is served", (await page.evaluate(H1)) === OLD_TITLE, await page.evaluate(H1));
  check("the page loads the live-reload script",
    await page.evaluate("!!document.querySelector('script[src=\"/__amicus/live.js\"]')"));
  await until(() => live.current().length > 0, "the page's live-reload connection");
  const first = live.current()[0].data;
  check("the live-reload connection reports a good build", first.error === null && first.version >= 1, first);
  await page.evaluate("window.__notReloaded = true");
  const loads = live.loads;

  // 1. An edit reloads the page by itself.
  save(file, "title: " + OLD_TITLE + "\n", "title: " + NEW_TITLE + "\n", scratch);
  const title = await page.poll(H1 + " === " + JSON.stringify(NEW_TITLE) + " && " + H1, "the new title in the open page", WAIT_MS);
  check("after an edit, the open page shows the new title", title === NEW_TITLE, title);
  check("the page reloaded itself (the test did not navigate)",
    await page.evaluate("window.__notReloaded === undefined"));
  check("the page's address did not change", (await page.evaluate("location.href")) === url);
  await until(() => live.current().length > 0, "the reloaded page's live-reload connection");
  // One save, one rebuild, one reload: nothing else (reading the files
  // while rebuilding, say) counts as a change.
  const edited = live.current()[0].data;
  check("one save makes one rebuild", edited.error === null && edited.version === first.version + 1,
    { before: first.version, after: edited.version, hint: "more rebuilds than saves: see the watcher in src/serve/mod.rs" });
  check("one save reloads the page once", live.loads === loads + 1, { loads: live.loads, before: loads });
  await page.evaluate("window.__notReloaded = true");
  const reloaded = live.loads;

  // 2. A broken entry: an overlay with the problem over the last good page.
  save(file, GOOD_CITE, BAD_CITE, scratch);
  await page.poll(OVERLAY + " && " + OVERLAY + ".textContent.includes('no-such-entry')", "the overlay with the problem", WAIT_MS);
  const overlay = await page.evaluate(`(function () {
    var o = ${OVERLAY};
    var box = o.getBoundingClientRect();
    return { text: o.textContent, role: o.getAttribute("role"), visible: o.checkVisibility(),
      covers: box.width >= document.documentElement.clientWidth - 1 && box.height >= document.documentElement.clientHeight - 1,
      onTop: document.elementFromPoint(innerWidth / 2, innerHeight / 2) !== null &&
        o.contains(document.elementFromPoint(innerWidth / 2, innerHeight / 2)) };
  })()`);
  check("a broken entry shows the overlay over the page", overlay.visible && overlay.covers && overlay.onTop, overlay);
  check("the overlay names the file", overlay.text.includes("icc-al-hassan.md"), overlay.text);
  check("the overlay names the problem", overlay.text.includes("unknown entry") && overlay.text.includes("no-such-entry"), overlay.text);
  check("the overlay points at the line", /icc-al-hassan\.md:\d+:\d+/.test(overlay.text), overlay.text);
  check("the overlay is plain text (no terminal colour codes)", !/\u001b\[/.test(overlay.text), JSON.stringify(overlay.text.slice(0, 200)));
  check("the overlay is announced (role=alert)", overlay.role === "alert", overlay.role);
  // The page may be Arabic (dir="rtl"): the English diagnostics, with their
  // code and carets, must still read left to right.
  const direction = await page.evaluate(`(function () {
    var html = document.documentElement;
    var was = [html.getAttribute("dir"), html.getAttribute("lang")];
    html.setAttribute("dir", "rtl");
    html.setAttribute("lang", "ar");
    var o = ${OVERLAY};
    var seen = [getComputedStyle(o).direction, o.closest("[lang]").getAttribute("lang")];
    html.setAttribute("dir", was[0]);
    html.setAttribute("lang", was[1]);
    return seen;
  })()`);
  check("on a right-to-left page the overlay still reads left to right, in English (src/serve/live.js: dir and lang)",
    direction[0] === "ltr" && direction[1] === "en", direction);
  check("the last good page stays under the overlay, not reloaded",
    (await page.evaluate(H1)) === NEW_TITLE && (await page.evaluate("window.__notReloaded === true")) && live.loads === reloaded,
    { title: await page.evaluate(H1), loads: live.loads, before: reloaded });
  const served = await page.evaluate("fetch(location.href, { cache: 'no-store' }).then(function (r) { return r.text().then(function (t) { return [r.status, t.includes(" + JSON.stringify(NEW_TITLE) + ")]; }); })");
  check("the server still serves the last good page", served[0] === 200 && served[1] === true, served);
  const latest = live.current()[live.current().length - 1].data;
  check("the live-reload connection reports the problem", typeof latest.error === "string" && latest.error.includes("no-such-entry"), latest);

  // A page opened while the corpus is broken shows the overlay at once.
  const other = await openPage(browser);
  await other.goto("http://" + address + "/index.html");
  await other.poll(OVERLAY + " && " + OVERLAY + ".textContent.includes('no-such-entry')", "the overlay on a page opened while broken", WAIT_MS);
  check("a page opened while the corpus is broken shows the overlay", true);
  await other.send("Page.close").catch(() => {});

  // 3. Fixed: the overlay goes away and the page is current.
  const statesBefore = live.states.length;
  save(file, BAD_CITE, GOOD_CITE, scratch);
  const fixed = (await until(() => live.states.slice(statesBefore).find((s) => s.data.error === null),
    "a good build reported to the page")).data;
  check("the live-reload connection reports a good build again", fixed.version > edited.version, fixed);
  check("a failed build is not a version; the fix is the next one", fixed.version === edited.version + 1,
    { edited: edited.version, fixed: fixed.version });
  await page.poll("!" + OVERLAY + " && " + H1 + " === " + JSON.stringify(NEW_TITLE), "the overlay to go away", WAIT_MS);
  check("after the fix, the overlay is gone and the page shows the entry", true);
  check("the page's address did not change", (await page.poll("location.href", "the address")) === url);
}

async function main() {
  if (!binary || !fs.existsSync(binary)) {
    check("the amicus binary is given (node serve.js AMICUS_BINARY [REPO_DIR])", false, process.argv[2]);
    report.finish();
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "amicus-serve-"));
  const project = path.join(root, "site");
  const scratch = path.join(root, "scratch");
  fs.mkdirSync(scratch);
  for (const name of ["corpus", "amicus.yaml", "themes"]) {
    fs.cpSync(path.join(repo, name), path.join(project, name), { recursive: true });
  }
  const server = startServer(project);
  const browser = startBrowser();
  const cleanup = async () => {
    await browser.close();
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  const stop = watchdog(150000, cleanup);
  try {
    const address = await server.ready;
    check("amicus serve listens on the loopback address", address.startsWith("127.0.0.1:"), address);
    await scenario(browser, project, scratch, address);
  } catch (error) {
    report.error(error);
  } finally {
    if (report.counts.failed && server.log) console.log("amicus serve said:\n" + server.log.slice(-3000));
    stop();
    await cleanup();
  }
  report.finish();
}

main();
