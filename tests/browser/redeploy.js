// A search page open while the site is redeployed: the page is opened from
// build A, the folder is then replaced with build B (an entry added, one
// changed), and a query is typed. The page must show B's results (after
// reloading itself once), never results mixed from the two builds, an
// error, or a script exception. From file:// and over HTTP.
//
// Then a page that a cache keeps serving stale (A's search.html beside B's
// files): it reloads once, then says that the site changed, and never
// reloads in a loop.
//
//   node redeploy.js A_PUBLIC B_PUBLIC WORK_DIR
//
// B's new entry holds the word "quillwort"; its changed entry is titled
// "Ongwen Appeal Revisited".
"use strict";
const fs = require("fs");
const path = require("path");
const { startBrowser, openPage, serve, reporter, watchdog } = require("./cdp.js");

const [built, rebuilt, work] = process.argv.slice(2).map((p) => path.resolve(p));
const { check, error, finish } = reporter();

const STATUS = "document.getElementById('search-status').textContent";
const TITLES = "Array.from(document.querySelectorAll('.search-result .result-title')).map(a => a.textContent)";
const OUTDATED = "The site has been updated since this page was opened";
const FAILED = "could not be loaded";

/** Replaces the folder `live` with a copy of `from`, as a deployment does. */
function deploy(from, live) {
  fs.rmSync(live, { recursive: true, force: true });
  fs.cpSync(from, live, { recursive: true });
}

/** Script errors the page throws, recorded from the moment it is opened. */
function exceptions(browser, page) {
  const thrown = [];
  browser.listen((message) => {
    if (message.sessionId === page.sessionId && message.method === "Runtime.exceptionThrown") {
      thrown.push(JSON.stringify(message.params.exceptionDetails).slice(0, 300));
    }
  });
  return thrown;
}

/**
 * Waits (across the page's reloads) until its results are titled as
 * `wanted` says, recording every status the page showed on the way.
 */
async function resultsAfterRedeploy(page, wanted, what) {
  const statuses = [];
  const start = Date.now();
  while (Date.now() - start < 20000) {
    try {
      const [status, titles] = JSON.parse(await page.evaluate(`JSON.stringify([${STATUS}, ${TITLES}])`));
      statuses.push(status);
      if (wanted(titles)) return { titles, statuses };
    } catch (e) {
      // The page is being replaced.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("timed out waiting for " + what + "; statuses: " + JSON.stringify(statuses.slice(-5)));
}

async function openedFromA(browser, base, live) {
  deploy(built, live);
  const page = await openPage(browser);
  const thrown = exceptions(browser, page);
  await page.goto(base + "search.html");
  await page.waitFor("window.amicusSearch.requested.indexOf('manifest') === 0", "the manifest, loaded as the page opens");
  await page.waitFor("window.amicusSearch.data !== undefined", "the manifest read");
  await page.evaluate("window.openedBefore = true");
  return { page, thrown };
}

async function redeployUnderAnOpenPage(browser, base, live, where) {
  const { page, thrown } = await openedFromA(browser, base, live);
  deploy(rebuilt, live);
  await page.evaluate("document.getElementById('search-page-query').focus()");
  await page.type("quillwort");
  const { titles, statuses } = await resultsAfterRedeploy(page, (t) => t.length > 0, "results of the new build");
  check(where + ": the new build's entry is found", titles[0] === "A Quillwort Decision", titles);
  check(where + ": the page reloaded into the new build", !(await page.evaluate("!!window.openedBefore")));
  check(where + ": no error was shown", statuses.every((s) => s.indexOf(FAILED) < 0), statuses);
  // The changed entry under its new title, the old title gone.
  await page.evaluate("document.getElementById('search-page-query').select()");
  await page.type("Ongwen");
  const changed = await resultsAfterRedeploy(page, (t) => t.some((title) => /Ongwen/.test(title)), "the changed entry");
  check(where + ": the changed entry has its new title", changed.titles.indexOf("Ongwen Appeal Revisited") >= 0, changed.titles);
  check(where + ": its old title is gone", changed.titles.indexOf("The Prosecutor v. Dominic Ongwen") < 0, changed.titles);
  check(where + ": no script error", thrown.length === 0, thrown);
  await page.send("Page.close").catch(() => {});
}

async function staleCacheNeverLoops(browser, base, live, where) {
  deploy(rebuilt, live);
  // A cache that keeps serving the old search page: it names A's
  // manifest, which B's folder lacks.
  fs.copyFileSync(path.join(built, "search.html"), path.join(live, "search.html"));
  const page = await openPage(browser);
  const thrown = exceptions(browser, page);
  let loads = 0;
  browser.listen((message) => {
    if (message.sessionId === page.sessionId && message.method === "Page.loadEventFired") loads++;
  });
  await page.goto(base + "search.html?q=persecution");
  await page.poll(`${STATUS}.indexOf(${JSON.stringify(OUTDATED)}) >= 0`, "the page saying that the site changed");
  const settled = loads;
  await new Promise((r) => setTimeout(r, 1500));
  check(where + ": a stale page says that the site changed", (await page.evaluate(STATUS)).indexOf(OUTDATED) >= 0,
    await page.evaluate(STATUS));
  check(where + ": it reloaded once, not in a loop", settled <= 2 && loads === settled, { settled, loads });
  check(where + ": the query is kept", (await page.evaluate("document.getElementById('search-page-query').value")) === "persecution");
  check(where + ": no script error", thrown.length === 0, thrown);
  await page.send("Page.close").catch(() => {});
}

async function main() {
  const browser = startBrowser();
  const live = path.join(work, "live");
  fs.mkdirSync(live, { recursive: true });
  const server = await serve(live);
  const stop = watchdog(240000, async () => {
    server.close();
    await browser.close();
  });
  try {
    const http = "http://127.0.0.1:" + server.address().port + "/";
    await redeployUnderAnOpenPage(browser, http, live, "http");
    await redeployUnderAnOpenPage(browser, "file://" + live + "/", live, "file://");
    await staleCacheNeverLoops(browser, http, live, "http");
  } catch (e) {
    error(e);
  } finally {
    clearTimeout(stop);
    server.close();
    await browser.close();
  }
  finish();
}

main();
