/*
 * The search page: results as you type, facets with counts, keyboard
 * navigation, and the query (filters included) kept in the URL (?q=) so a
 * search can be shared or bookmarked. Uses amicusSearch from search.js.
 *
 * Everything shown is built with createElement/textContent: nothing from
 * the index or the query is ever parsed as HTML.
 */
(function () {
  "use strict";

  var app = document.getElementById("search-app");
  var engine = window.amicusSearch;
  if (!app || !engine || !engine.search) return;

  var root = app.getAttribute("data-root") || "";
  engine.base = root + "search/";
  engine.index = app.getAttribute("data-index") || engine.index;
  var input = document.getElementById("search-page-query");
  var form = document.getElementById("search-form");
  var status = document.getElementById("search-status");
  var noticesBox = document.getElementById("search-notices");
  var facetsBox = document.getElementById("search-facets");
  var filtersBox = document.getElementById("search-filters");
  var filtersSide = filtersBox && filtersBox.parentNode;
  var filterCount = document.getElementById("search-filter-count");
  // The header's box says what the page searches for.
  var headerInput = document.getElementById("site-search");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var PAGE = 10;
  var FACET_NAMES = {
    type: text("meta-type"), country: text("meta-countries"), year: text("search-facet-year"),
    grounds: text("meta-grounds"), crimes: text("meta-crimes")
  };
  var generation = 0;
  var timer = null;
  /** Shows "Searching…" once a query has waited this long for its results. */
  var BUSY_AFTER = 300;
  var busyTimer = null;
  var limit = PAGE;

  app.hidden = false;

  // Beside the results, on a wide screen, the filters stand open; above
  // them, on a narrow one, folded until asked for. They open or fold as
  // the screen crosses that width; otherwise the reader's choice stands.
  var wide = window.matchMedia ? window.matchMedia("(min-width: 50.01rem)") : null;
  if (filtersBox) filtersBox.open = !wide || wide.matches;
  if (filtersBox && wide && wide.addEventListener) {
    wide.addEventListener("change", function (event) { filtersBox.open = event.matches; });
  }

  /** An interface string from the page (translated at build time). */
  function text(name, values) {
    var template = app.getAttribute("data-" + name) || "";
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return values && key in values ? String(values[key]) : whole;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function queryFromUrl() {
    try {
      return new URLSearchParams(window.location.search).get("q") || "";
    } catch (error) {
      return "";
    }
  }

  /** Keeps the query in the address, without adding a history step per key. */
  function keepInUrl(text) {
    try {
      var page = window.location.pathname.split("/").pop() || "search.html";
      window.history.replaceState(null, "", text ? page + "?q=" + encodeURIComponent(text) : page);
    } catch (error) {
      // Some browsers refuse on file://; the search still works.
    }
  }

  /** The query written in the header's box too (unless it is being typed there). */
  function mirror(typed) {
    if (headerInput && document.activeElement !== headerInput) headerInput.value = typed;
  }

  /** Ends the "Searching…" state, or its wait. */
  function settle() {
    clearTimeout(busyTimer);
    busyTimer = null;
    app.removeAttribute("aria-busy");
    app.classList.remove("search-busy");
  }

  function run(typing) {
    var typed = input.value;
    var mine = ++generation;
    keepInUrl(typed.trim());
    mirror(typed);
    settle();
    if (!typed.trim()) {
      status.textContent = text("search-empty");
      clear(noticesBox);
      clear(facetsBox);
      if (filtersSide) filtersSide.hidden = true;
      clear(list);
      more.hidden = true;
      return;
    }
    app.setAttribute("aria-busy", "true");
    // On a slow link, say that the search runs (the status is a polite
    // live region: it is read out too), then the count replaces it.
    busyTimer = setTimeout(function () {
      if (mine !== generation) return;
      status.textContent = text("search-searching");
      app.classList.add("search-busy");
    }, BUSY_AFTER);
    engine.search(typed, { limit: limit, typing: typing }).then(function (outcome) {
      if (mine !== generation) return;
      settle();
      render(outcome, typed);
    }, function (error) {
      if (mine !== generation) return;
      settle();
      if (error && error.missing && reloadOnce()) return;
      status.textContent = error && error.missing ? text("search-outdated") : text("search-failed", { error: error.message });
    });
  }

  /**
   * After a redeploy, the files of the page's build are gone: reloads the
   * page (which names the new build's files; the query is in its address)
   * once for this build. Returns false when it did so already, or cannot
   * tell (storage refused), so that a page the browser keeps serving from
   * its cache never reloads in a loop.
   */
  function reloadOnce() {
    var key = "amicus-reloaded:" + engine.index;
    try {
      if (window.sessionStorage.getItem(key)) return false;
      window.sessionStorage.setItem(key, "1");
    } catch (error) {
      return false;
    }
    status.textContent = text("search-outdated");
    window.location.reload();
    return true;
  }

  function render(outcome, query) {
    var shown = outcome.hits.filter(function (hit) { return hit.snippet; });
    if (outcome.total === 0) {
      status.textContent = text("search-none", { q: query.trim() });
    } else {
      status.textContent = text(outcome.total === 1 ? "search-count-one" : "search-count-other", { n: outcome.total }) +
        (shown.length < outcome.total ? " " + text("search-showing", { n: shown.length }) : "");
    }
    renderNotices(outcome, query);
    renderFacets(outcome.facets, outcome.query.filters.length);
    renderResults(shown);
    more.hidden = shown.length >= outcome.total;
  }

  // -- Notices and the "no results" state --------------------------------

  function suggestionButton(from, to) {
    var button = element("button", null, to);
    button.type = "button";
    button.addEventListener("click", function () {
      input.value = replaceWord(input.value, from, to);
      limit = PAGE;
      run(false);
      input.focus();
    });
    return button;
  }

  function replaceWord(text, from, to) {
    var escaped = from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    var pattern = new RegExp("(^|[\\s\"-])" + escaped + "(?=$|[\\s\"*])", "i");
    var replaced = text.replace(pattern, "$1" + to);
    return replaced === text ? text + " " + to : replaced;
  }

  function renderNotices(outcome, typed) {
    clear(noticesBox);
    var query = outcome.query;
    outcome.notices.forEach(function (notice) {
      var p = element("p");
      if (notice.kind === "unknown") {
        p.appendChild(document.createTextNode(text("search-unknown", { word: notice.text })));
        if (notice.suggestions.length) {
          p.appendChild(document.createTextNode(" " + text("search-did-you-mean") + " "));
          notice.suggestions.forEach(function (word, i) {
            if (i) p.appendChild(document.createTextNode(" "));
            p.appendChild(suggestionButton(notice.text.replace(/^"|"$/g, "").replace(/\*$/, ""), word));
          });
          p.appendChild(document.createTextNode("?"));
        }
      } else if (notice.kind === "expanded") {
        if (notice.words.length > 6) {
          p.textContent = text("search-stands-for-many", { word: notice.text, n: notice.words.length, words: notice.words.slice(0, 6).join(", ") });
        } else {
          p.textContent = text("search-stands-for", { word: notice.text, words: notice.words.join(", ") });
        }
        p.className = "search-expanded";
      } else if (notice.kind === "unknown_value") {
        // `type:judgment`: no entry has it; the nearest values replace it.
        p.appendChild(document.createTextNode(text("search-unknown-value", { filter: notice.text })));
        if (notice.suggestions.length) {
          p.appendChild(document.createTextNode(" " + text("search-did-you-mean") + " "));
          notice.suggestions.forEach(function (value, i) {
            if (i) p.appendChild(document.createTextNode(" "));
            p.appendChild(suggestionButton(notice.text, value));
          });
          p.appendChild(document.createTextNode("?"));
        }
      } else if (notice.kind === "bad_filter") {
        p.textContent = text("search-ignored", { filter: notice.text, reason: notice.reason });
      } else if (notice.kind === "no_combination") {
        p.textContent = text("search-no-combination", {
          counts: notice.counts.map(function (c) { return c[0] + " (" + c[1] + ")"; }).join(", ")
        });
      }
      if (p.textContent) noticesBox.appendChild(p);
    });
    if (outcome.total === 0 && query.filters.length) {
      var p = element("p", null, text("search-filters-narrow") + " ");
      var button = element("button", null, text("search-without-filters"));
      button.type = "button";
      button.addEventListener("click", function () {
        input.value = withoutFilters(input.value);
        run(false);
      });
      p.appendChild(button);
      noticesBox.appendChild(p);
    }
    if (outcome.total === 0 && !noticesBox.firstChild && typed.trim()) {
      noticesBox.appendChild(element("p", null, text("search-try-again")));
    }
  }

  // -- Facets ------------------------------------------------------------

  var FILTER_TOKEN = /(^|\s)-?(type|country|court|grounds|crimes|year|lang|relation):("[^"]*"|\S*)/gi;

  function withoutFilters(text) {
    return text.replace(FILTER_TOKEN, " ").replace(/\s+/g, " ").trim();
  }

  function toggleFilter(field, value, selected) {
    var text = input.value;
    if (selected) {
      var pattern = new RegExp("(^|\\s)" + field + ":(\"[^\"]*\"|\\S*)", "gi");
      text = text.replace(pattern, function (whole, space, written) {
        var words = engine.words(written.replace(/"/g, "")).map(function (w) { return w.text; }).join(" ");
        var target = engine.words(value).map(function (w) { return w.text; }).join(" ");
        return words === target || field === "year" ? space : whole;
      });
    } else {
      text = text.trim() + " " + field + ":" + value;
    }
    input.value = text.replace(/\s+/g, " ").trim();
    limit = PAGE;
    run(false);
  }

  /** A facet value as the page's language writes it (a type by its code). */
  function facetLabel(field, value) {
    return (field === "type" && typeLabel(value.value)) || value.label;
  }

  /** Years newest first; the other facets as the engine orders them (by count). */
  function facetOrder(facet) {
    if (facet.field !== "year") return facet.values;
    return facet.values.slice().sort(function (a, b) { return parseInt(b.value, 10) - parseInt(a.value, 10); });
  }

  function renderFacets(facets, active) {
    clear(facetsBox);
    if (filterCount) filterCount.textContent = active ? "(" + text("search-filters-active", { n: active }) + ")" : "";
    if (filtersSide) filtersSide.hidden = !active && !facets.some(function (facet) { return facet.values.length; });
    facets.forEach(function (facet) {
      if (!facet.values.length) return;
      var section = element("section", "search-facet");
      var heading = element("h2", null, FACET_NAMES[facet.field] || facet.field);
      heading.id = "facet-" + facet.field;
      section.appendChild(heading);
      var ul = element("ul");
      ul.setAttribute("aria-labelledby", heading.id);
      facetOrder(facet).forEach(function (value) {
        var li = element("li");
        var button = element("button", "facet-value");
        button.type = "button";
        button.setAttribute("aria-pressed", value.selected ? "true" : "false");
        button.setAttribute("data-filter", facet.field + ":" + value.value);
        button.appendChild(document.createTextNode(facetLabel(facet.field, value) + " "));
        button.appendChild(element("span", "facet-count", "(" + value.count + ")"));
        button.addEventListener("click", function () { toggleFilter(facet.field, value.value, value.selected); });
        li.appendChild(button);
        ul.appendChild(li);
      });
      section.appendChild(ul);
      facetsBox.appendChild(section);
    });
  }

  // -- Results -----------------------------------------------------------

  /** An entry type's label in the page's language, from its code (`case`). */
  function typeLabel(kind) {
    return kind ? app.getAttribute("data-type-" + kind) : null;
  }

  /**
   * An ISO date (`2024-06-26`, `2021-12`, `2021`) as the page's language
   * writes it, with the patterns and month names of its translation file:
   * `26 juin 2024`, `juin 2024`, `2024` (as `i18n::Strings::date`).
   */
  function dateLabel(iso) {
    var parts = /^(-?\d+)(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(String(iso || ""));
    if (!parts) return iso || "";
    var year = parseInt(parts[1], 10);
    var month = parts[2] ? parseInt(parts[2], 10) : 0;
    var day = parts[3] ? parseInt(parts[3], 10) : 0;
    if (!month) return String(year);
    month = Math.min(Math.max(month, 1), 12);
    var pattern = app.getAttribute(day ? "data-date-day" : "data-date-month");
    var name = app.getAttribute((day ? "data-month-day-" : "data-month-") + month);
    if (!pattern || !name) return iso;
    return pattern.replace(/\{(day|month|year)\}/g, function (whole, key) {
      return key === "day" ? String(day) : key === "month" ? name : String(year);
    });
  }

  /** The direction of a language's script (as `render::direction`). */
  function direction(lang) {
    var RTL = ["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb"];
    return RTL.indexOf(String(lang || "").split("-")[0]) >= 0 ? "rtl" : "ltr";
  }

  /** Marks `node` as text in the entry's language, isolated from the page's direction. */
  function inLanguageOf(doc, node) {
    if (doc.lang) {
      node.setAttribute("lang", doc.lang);
      node.setAttribute("dir", direction(doc.lang));
    }
    return node;
  }

  function renderResults(hits) {
    clear(list);
    hits.forEach(function (hit) {
      var doc = hit.meta;
      var li = element("li", "search-result");
      var paragraph = hit.snippet && hit.snippet.paragraph;
      var link = inLanguageOf(doc, element("a", "result-title", doc.title));
      var anchor = hit.snippet && hit.snippet.anchor;
      link.setAttribute("href", root + doc.url + (anchor ? "#" + anchor : ""));
      li.appendChild(link);
      // The interface's words, then the entry's own (court or issuer, case
      // number) isolated in its language.
      var meta = element("p", "result-meta", [typeLabel(doc.kind) || doc.kind, dateLabel(doc.date)].filter(Boolean).join(" \u00b7 "));
      var byline = [doc.court || doc.issuer, doc.case_number].filter(Boolean).join(" \u00b7 ");
      if (byline) {
        meta.appendChild(document.createTextNode(" \u00b7 "));
        meta.appendChild(inLanguageOf(doc, element("span", "result-byline", byline)));
      }
      if (paragraph) meta.appendChild(document.createTextNode(" \u00b7 \u00b6 " + paragraph));
      li.appendChild(meta);
      var snippet = inLanguageOf(doc, element("p", "result-snippet"));
      hit.snippet.segments.forEach(function (segment) {
        snippet.appendChild(segment.mark ? element("mark", null, segment.text) : document.createTextNode(segment.text));
      });
      li.appendChild(snippet);
      list.appendChild(li);
    });
  }

  // -- Keyboard ----------------------------------------------------------

  function resultLinks() {
    return Array.prototype.slice.call(list.querySelectorAll("a.result-title"));
  }

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      var links = resultLinks();
      if (links.length) { event.preventDefault(); links[0].focus(); }
    }
  });

  list.addEventListener("keydown", function (event) {
    var links = resultLinks();
    var at = links.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at + 1 < links.length) { event.preventDefault(); links[at + 1].focus(); }
    else if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
    else if (event.key === "Escape") { event.preventDefault(); input.focus(); }
  });

  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((document.activeElement || {}).tagName || "");
    if (event.key === "/" && !typing) { event.preventDefault(); input.focus(); input.select(); }
  });

  // -- Wiring --------------------------------------------------------------

  input.addEventListener("input", function () {
    clearTimeout(timer);
    limit = PAGE;
    timer = setTimeout(function () { run(!/\s$/.test(input.value)); }, 120);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    limit = PAGE;
    run(false);
  });

  more.addEventListener("click", function () {
    limit += PAGE;
    run(false);
  });

  input.value = queryFromUrl();
  run(false);
  if (!input.value) {
    input.focus();
    // What every query needs, loaded while the first one is typed; should
    // it fail, that query says so.
    engine.prepare().catch(function () {});
  }
})();
