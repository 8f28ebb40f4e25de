// Static search with Pagefind's UI, in the page's language, prefilled from ?q=.
// A language's index may be split into shards (plugins/tracker/search_index.py): the main
// bundle's shards.json lists the others, which are merged into one search before the UI
// starts, so every query, its ranking and its filters cover all of them.
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
  var options = { baseUrl: root, excerptLength: 30 }; // the same for every shard
  var q = new URLSearchParams(location.search).get("q");

  // Asked of the server each time (as Pagefind does its entry file): after a rebuild with
  // more or fewer shards, a cached list would name the wrong ones.
  function shardList() {
    return fetch(bundle + "shards.json", { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error("shards.json: " + response.status);
      return response.json();
    });
  }

  function startUI() {
    return new PagefindUI({
      element: "#search",
      bundlePath: bundle,
      baseUrl: root,
      excerptLength: options.excerptLength,
      showSubResults: false,
      showImages: false,
      resetStyles: false,
      processResult: cleanResult,
      translations: {
        clear_search: target.getAttribute("data-clear"),
        filters_label: target.getAttribute("data-filters")
      }
    });
  }

  // The UI shares this module instance (same address): the shards are merged into it, and
  // their filters read, before the UI exists, so no search (typed or from ?q=) runs on part
  // of the index or shows only some filters. The main bundle's own load is waited for beside
  // the merges (which wait for its WebAssembly), so its failure is seen; any failure is said
  // plainly.
  Promise.all([import(bundle + "pagefind.js"), shardList()])
    .then(function (loaded) {
      var pagefind = loaded[0];
      return pagefind.options(options)
        .then(function () {
          var merged = loaded[1].map(function (shard) {
            return pagefind.mergeIndex(new URL(shard, bundle).href, options);
          });
          return Promise.all([pagefind.filters()].concat(merged));
        })
        .then(function () { return pagefind.filters(); });
    })
    .then(function () {
      var ui = startUI();
      if (q) ui.triggerSearch(q);
    })
    .catch(unavailable);
})();
