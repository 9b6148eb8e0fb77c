// amicus serve: reloads the page after a rebuild and shows the build's
// problems over the page while the corpus is broken. Injected only by
// `amicus serve`; never part of a built site.
(function () {
  "use strict";
  var shown = null;
  var version = null;

  function showProblems(text) {
    if (!shown) {
      shown = document.createElement("div");
      shown.id = "amicus-build-error";
      shown.setAttribute("role", "alert");
      // English diagnostics with code and carets: left to right even on a
      // right-to-left (Arabic) page, read in English by screen readers.
      shown.setAttribute("lang", "en");
      shown.setAttribute("dir", "ltr");
      shown.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5rem;" +
        "background:rgba(20,20,24,.94);color:#fff;font:14px/1.45 ui-monospace,monospace;";
      var title = document.createElement("p");
      title.style.cssText = "font:bold 16px system-ui,sans-serif;margin:0 0 1rem;color:#ff8a80";
      title.textContent = "The corpus has problems; this is the last good version of the page.";
      var body = document.createElement("pre");
      body.style.cssText = "white-space:pre-wrap;margin:0";
      shown.appendChild(title);
      shown.appendChild(body);
      document.body.appendChild(shown);
    }
    shown.lastChild.textContent = text;
  }

  function hideProblems() {
    if (shown) {
      shown.remove();
      shown = null;
    }
  }

  var events = new EventSource("/__amicus/events");
  events.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (state.error) {
      showProblems(state.error);
    } else {
      hideProblems();
    }
    if (version !== null && state.version !== version) {
      window.location.reload();
    }
    version = state.version;
  });
})();
