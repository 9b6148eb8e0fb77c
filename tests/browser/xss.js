// Opens the pages built from a corpus full of XSS vectors (the OWASP
// filter-evasion cheat sheet, and hostile front-matter values) in a real
// headless Chromium, from file:// and over HTTP, and checks that nothing
// from the corpus ran or could run:
// - no JavaScript dialog opened (every vector calls alert());
// - the DOM holds no event-handler attribute, no javascript:/data: URL and
//   no script but the theme's own;
// - the Content-Security-Policy had nothing to block (the sanitiser removed
//   it all first), and the policy is on every page;
// - the search page shows hostile titles and snippets as text.
//
//   node xss.js PUBLIC_DIR
"use strict";
const fs = require("fs");
const path = require("path");
const { startBrowser, openPage, serve, reporter, watchdog } = require("./cdp");

const publicDir = path.resolve(process.argv[2]);
const { check, error, finish } = reporter();

// Registered before any script of the page: records what the policy blocks.
const RECORD_VIOLATIONS = `
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || ""));
  });`;

// What in the DOM could run script: handler attributes, script URLs, and
// scripts other than the theme's assets.
const DANGERS = `(function () {
  var found = [];
  Array.prototype.forEach.call(document.querySelectorAll("*"), function (element) {
    Array.prototype.forEach.call(element.attributes, function (attribute) {
      var name = attribute.name.toLowerCase();
      var value = attribute.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (name.indexOf("on") === 0) found.push(element.tagName + " " + name);
      if (/^(href|src|action|formaction|data|xlink:href|srcdoc|poster)$/.test(name) &&
          (value.indexOf("javascript:") === 0 || value.indexOf("data:") === 0 || value.indexOf("vbscript:") === 0)) {
        found.push(element.tagName + " " + name + "=" + attribute.value);
      }
    });
    var tag = element.tagName.toLowerCase();
    if (tag === "script" && !/(assets\\/[a-z-]+|search\\/[a-z0-9-]+)\\.[0-9a-f]{8}\\.js$/.test(element.getAttribute("src") || "")) found.push("script " + element.outerHTML.slice(0, 80));
    if (["iframe", "object", "embed", "base", "meta", "form", "link", "style"].indexOf(tag) >= 0 && !element.closest("head")) {
      if (tag !== "form" || !/search\\.html$/.test(element.getAttribute("action") || "")) found.push(tag + " in the body");
    }
  });
  return found;
})()`;

function htmlFiles(dir, prefix) {
  let files = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const relative = prefix ? prefix + "/" + name : name;
    if (fs.statSync(full).isDirectory()) files = files.concat(htmlFiles(full, relative));
    else if (name.endsWith(".html")) files.push(relative);
  }
  return files;
}

async function visit(page, dialogs, url, where) {
  dialogs.length = 0;
  await page.goto(url);
  // Give timers, autofocus and toggles a moment to fire; what is asserted
  // afterwards does not depend on it.
  await page.evaluate("new Promise(function (r) { setTimeout(r, 100); })");
  check(where + ": no script from the corpus ran", dialogs.length === 0 && !(await page.evaluate("!!window.__xss")), dialogs);
  const dangers = await page.evaluate(DANGERS);
  check(where + ": nothing in the page could run script", dangers.length === 0, dangers);
  const violations = await page.evaluate("window.__violations || []");
  check(where + ": the policy had nothing to block", violations.length === 0, violations);
}

async function main() {
  const browser = startBrowser();
  const server = await serve(publicDir);
  const stop = watchdog(180000, async () => {
    server.close();
    await browser.close();
  });
  try {
    const page = await openPage(browser);
    const dialogs = [];
    browser.listen((message) => {
      if (message.sessionId === page.sessionId && message.method === "Page.javascriptDialogOpening") {
        dialogs.push(message.params.message);
        page.send("Page.handleJavaScriptDialog", { accept: false }).catch(() => {});
      }
    });
    await page.send("Page.addScriptToEvaluateOnNewDocument", { source: RECORD_VIOLATIONS });

    const pages = htmlFiles(publicDir, "");
    for (const file of pages) {
      const html = fs.readFileSync(path.join(publicDir, file), "utf8");
      check(file + ": carries the Content-Security-Policy",
        /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'/.test(html));
    }
    const http = "http://127.0.0.1:" + server.address().port + "/";
    for (const base of ["file://" + publicDir + "/", http]) {
      const scheme = base.slice(0, 4);
      for (const file of pages) await visit(page, dialogs, base + file, scheme + " " + file);

      // The search shows hostile titles and snippets as text.
      await visit(page, dialogs, base + "search.html?q=hostile", scheme + " search page");
      await page.waitFor("document.querySelectorAll('.search-result').length > 0", "hostile results");
      const shown = await page.evaluate("document.querySelector('.search-result .result-title').textContent");
      check(scheme + " search: a hostile title is shown as text", shown.indexOf("<script>alert('title')</script>") >= 0, shown);
      await visit(page, dialogs, base + "search.html?q=onerror%20summary", scheme + " search page, snippet");
      await page.waitFor("document.querySelectorAll('.search-result').length > 0", "results for onerror");
      const snippet = await page.evaluate("document.querySelector('.search-result').textContent");
      check(scheme + " search: a hostile snippet is shown as text", snippet.indexOf("onerror") >= 0, snippet);
      const dangers = await page.evaluate(DANGERS);
      check(scheme + " search: results hold nothing that could run", dangers.length === 0, dangers);

      // The policy still lets the site's own form submit (form-action 'self',
      // which file:// pages must satisfy too).
      await page.goto(base + "index.html");
      await page.evaluate("document.getElementById('site-search').value = 'hostile'; document.querySelector('.site-header form').submit()");
      const address = await page.poll("/search\\.html\\?q=hostile$/.test(location.href) && document.querySelectorAll('.search-result').length > 0 && location.href",
        "the search page after submitting the header form");
      check(scheme + " the header search form submits under the policy", !!address, address);
    }
  } catch (failure) {
    error(failure);
  } finally {
    stop();
    server.close();
    await browser.close();
  }
  finish();
}

main();
