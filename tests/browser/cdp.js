// A minimal client of the Chrome DevTools protocol, shared by the browser
// tests (tests/search/browser-cdp.js, tests/browser/*.js). It talks to a
// headless Chromium through --remote-debugging-pipe: no WebSocket library,
// no npm package.
//
// CHROMIUM names the browser (default `chromium`).
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");

const TIMEOUT_MS = 15000;

function startBrowser() {
  const browserPath = process.env.CHROMIUM || "chromium";
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "amicus-chromium-"));
  const child = spawn(browserPath, [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-dev-shm-usage", "--allow-file-access-from-files",
    "--remote-debugging-pipe", "--user-data-dir=" + profile, "about:blank",
  ], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  // A browser that cannot start (not installed, crashed) fails every
  // pending command at once instead of letting each one time out.
  child.on("error", (error) => { stderr += String(error); });
  const writer = child.stdio[3];
  const reader = child.stdio[4];
  writer.on("error", () => {});
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const waiting = new Map();
  const listeners = [];
  reader.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    let end;
    while ((end = buffer.indexOf(0)) >= 0) {
      const message = JSON.parse(buffer.slice(0, end).toString("utf8"));
      buffer = buffer.slice(end + 1);
      if (message.id && waiting.has(message.id)) {
        const { resolve, reject } = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.error) reject(new Error(JSON.stringify(message.error)));
        else resolve(message.result);
      } else if (message.method) {
        listeners.slice().forEach((listener) => listener(message));
      }
    }
  });
  function send(method, params, sessionId) {
    const id = nextId++;
    const message = { id, method, params: params || {} };
    if (sessionId) message.sessionId = sessionId;
    writer.write(JSON.stringify(message) + "\0");
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      setTimeout(() => {
        if (waiting.has(id)) {
          waiting.delete(id);
          reject(new Error(method + " timed out; browser said: " + stderr.slice(-500)));
        }
      }, TIMEOUT_MS);
    });
  }
  function once(method, sessionId) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no " + method)), TIMEOUT_MS);
      const listener = (message) => {
        if (message.method === method && (!sessionId || message.sessionId === sessionId)) {
          listeners.splice(listeners.indexOf(listener), 1);
          clearTimeout(timer);
          resolve(message.params);
        }
      };
      listeners.push(listener);
    });
  }
  function close() {
    return new Promise((resolve) => {
      const done = () => {
        try {
          fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
        } catch (error) {
          // A leftover temporary profile is harmless.
        }
        resolve();
      };
      if (child.exitCode !== null) return done();
      child.once("exit", done);
      child.kill();
      setTimeout(done, 3000);
    });
  }
  const listen = (listener) => listeners.push(listener);
  return { send, once, close, listen };
}

async function openPage(browser) {
  const { targetId } = await browser.send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await browser.send("Target.attachToTarget", { targetId, flatten: true });
  const send = (method, params) => browser.send(method, params, sessionId);
  await send("Page.enable");
  await send("Runtime.enable");
  const requests = [];
  await send("Network.enable");
  browser.listen((message) => {
    if (message.sessionId === sessionId && message.method === "Network.loadingFinished") {
      requests.push(message.params.encodedDataLength);
    }
  });
  return {
    requests,
    sessionId,
    send,
    async goto(url) {
      const loaded = browser.once("Page.loadEventFired", sessionId);
      await send("Page.navigate", { url });
      await loaded;
    },
    async evaluate(expression) {
      const result = await send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
      if (result.exceptionDetails) throw new Error(expression + ": " + JSON.stringify(result.exceptionDetails));
      return result.result.value;
    },
    async waitFor(expression, what) {
      const start = Date.now();
      while (Date.now() - start < TIMEOUT_MS) {
        if (await this.evaluate(expression)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error("timed out waiting for " + (what || expression));
    },
    // Like waitFor, but across reloads: an evaluation that fails because the
    // page is being replaced is tried again. Resolves to the last value
    // (truthy), or rejects after `timeoutMs` with the last value or error.
    async poll(expression, what, timeoutMs) {
      const limit = timeoutMs || TIMEOUT_MS;
      const start = Date.now();
      let last;
      while (Date.now() - start < limit) {
        try {
          last = await this.evaluate(expression);
          if (last) return last;
        } catch (error) {
          last = String(error && error.message ? error.message : error).slice(0, 300);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("timed out after " + limit + " ms waiting for " + (what || expression) +
        "; last: " + JSON.stringify(last));
    },
    async type(text) {
      await send("Input.insertText", { text });
    },
    async key(key, code, keyCode) {
      await send("Input.dispatchKeyEvent", { type: "keyDown", key, code, windowsVirtualKeyCode: keyCode });
      await send("Input.dispatchKeyEvent", { type: "keyUp", key, code, windowsVirtualKeyCode: keyCode });
    },
  };
}

/**
 * Serves `root` over HTTP on 127.0.0.1 (a free port). `delay(pathname)`,
 * when given, holds each answer that many milliseconds (a slow link).
 */
function serve(root, delay) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css" };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404);
      response.end("not found");
      return;
    }
    const send = () => {
      response.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
      fs.createReadStream(file).pipe(response);
    };
    const wait = delay ? delay(url.pathname) : 0;
    if (wait > 0) setTimeout(send, wait);
    else send();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** The "ok …" / "FAIL …" lines and the closing count of every test script. */
function reporter() {
  const counts = { passed: 0, failed: 0 };
  return {
    counts,
    check(name, condition, detail) {
      if (condition) {
        counts.passed++;
        console.log("ok   " + name);
      } else {
        counts.failed++;
        console.log("FAIL " + name + (detail === undefined ? "" : ": " + (typeof detail === "string" ? detail : JSON.stringify(detail))));
      }
      return condition;
    },
    error(error) {
      counts.failed++;
      console.log("FAIL " + (error && error.stack ? error.stack : error));
    },
    finish() {
      console.log(counts.passed + " passed, " + counts.failed + " failed");
      process.exit(counts.failed ? 1 : 0);
    },
  };
}

/** Fails the script if it runs longer than `ms` (a hung browser). */
function watchdog(ms, cleanup) {
  const timer = setTimeout(async () => {
    console.log("FAIL the browser test took longer than " + ms / 1000 + " s");
    try {
      await cleanup();
    } finally {
      process.exit(1);
    }
  }, ms);
  return () => clearTimeout(timer);
}

/**
 * Runs `steps` (async functions of one page) in one browser, each on its
 * own: a step that throws is reported and the next one runs. Fails the
 * script after `ms` (a hung browser); ends it with the report.
 */
async function runSteps(report, ms, steps) {
  const browser = startBrowser();
  const stop = watchdog(ms, () => browser.close());
  try {
    const page = await openPage(browser);
    for (const step of steps) {
      try {
        await step(page);
      } catch (error) {
        report.error(error);
      }
    }
  } catch (error) {
    report.error(error);
  } finally {
    stop();
    await browser.close();
  }
  report.finish();
}

module.exports = { startBrowser, openPage, serve, reporter, watchdog, runSteps, TIMEOUT_MS };
