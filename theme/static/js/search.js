// Static search with Pagefind's UI, in the page's language, prefilled from ?q=.
(function () {
  "use strict";
  var target = document.getElementById("search");
  if (!target || typeof PagefindUI === "undefined") return;
  var bundle = new URL(target.getAttribute("data-bundle"), document.baseURI).href;
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundle,
    showSubResults: false,
    showImages: false,
    resetStyles: false
  });
  var q = new URLSearchParams(location.search).get("q");
  if (!q) return;
  // A search started before Pagefind has read its filter index shows only some filters:
  // load the filters first (the UI shares this module instance), then search.
  import(bundle + "pagefind.js")
    .then(function (pagefind) { return pagefind.filters(); })
    .catch(function () { /* the UI reports loading problems itself */ })
    .then(function () { ui.triggerSearch(q); });
})();
