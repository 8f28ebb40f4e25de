// Static search with Pagefind's UI, in the page's language, prefilled from ?q=.
// Each result shows its date, brands, event type and status (Pagefind metadata); an
// excerpt taken from the hidden synonyms is replaced by the case's summary. When the index
// cannot load (opened from disk, files missing) the page says so instead of waiting.
(function () {
  "use strict";
  var target = document.getElementById("search");
  if (!target) return;
  var error = document.querySelector(".search-error");
  function unavailable() {
    if (error) error.hidden = false;
    target.hidden = true;
  }
  if (typeof PagefindUI === "undefined" || location.protocol === "file:") {
    unavailable();
    return;
  }
  var toggle = document.querySelector(".filters-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var open = !target.classList.contains("show-filters");
      target.classList.toggle("show-filters", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function cleanResult(result) {
    var meta = result.meta || {};
    var terms = meta.terms || "";
    var plain = (result.excerpt || "").replace(/<[^>]*>/g, "");
    var tail = plain.slice(-20).trim();
    if (terms && tail && terms.indexOf(tail) !== -1 && meta.summary) {
      result.excerpt = escapeHtml(meta.summary);
    }
    delete meta.terms;
    delete meta.summary;
    return result;
  }

  var bundle = new URL(target.getAttribute("data-bundle"), document.baseURI).href;
  // Each language's bundle sits in its folder (fr/pagefind/), but the addresses it holds
  // are from the site's root: Pagefind would otherwise take the bundle's folder as the base.
  var root = new URL(target.getAttribute("data-root"), document.baseURI).pathname;
  var ui;
  try {
    ui = new PagefindUI({
      element: "#search",
      bundlePath: bundle,
      baseUrl: root,
      showSubResults: false,
      showImages: false,
      resetStyles: false,
      processResult: cleanResult,
      translations: {
        clear_search: target.getAttribute("data-clear"),
        filters_label: target.getAttribute("data-filters")
      }
    });
  } catch (e) {
    unavailable();
    return;
  }
  // A search started before Pagefind has read its filter index shows only some filters:
  // load the filters first (the UI shares this module instance), then search. A failed
  // load is said plainly.
  var q = new URLSearchParams(location.search).get("q");
  import(bundle + "pagefind.js")
    .then(function (pagefind) { return pagefind.filters(); })
    .then(function () { if (q) ui.triggerSearch(q); }, unavailable);
})();
