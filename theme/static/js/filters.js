// Client-side facet filters for the timeline. Without JavaScript the form is hidden
// (nojs.css) and the facet pages do the same job. The form is in the page from the start,
// so showing it moves nothing; every count, heading and year link follows the filters,
// and the filters live in the address (?brands=klm), restored on load.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  var lang = document.documentElement.lang || "en";
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var number = window.Intl ? new Intl.NumberFormat(lang) : null;
  var entries = Array.prototype.slice.call(document.querySelectorAll(".entry"));
  var years = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  var yearLinks = Array.prototype.slice.call(document.querySelectorAll(".years-nav li[data-year]"));
  var status = form.querySelector(".filter-count");
  var reset = form.querySelector("button[type=reset]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

  function formatCount(template, n) {
    return template.replace("{n}", number ? number.format(n) : String(n));
  }

  function countText(span, n) {
    var form = plural ? plural.select(n) : (n === 1 ? "one" : "other");
    var template = span.getAttribute("data-" + form) || span.getAttribute("data-other");
    return "(" + formatCount(template, n) + ")";
  }

  function apply() {
    var wanted = {};
    selects.forEach(function (s) { if (s.value) wanted[s.name] = s.value; });
    var facets = Object.keys(wanted);
    var shown = 0;
    entries.forEach(function (entry) {
      var match = facets.every(function (facet) {
        var values = (entry.getAttribute("data-" + facet) || "").split(" ");
        return values.indexOf(wanted[facet]) !== -1;
      });
      entry.hidden = !match;
      if (match) shown += 1;
    });
    var shownYears = {};
    years.forEach(function (year) {
      var n = year.querySelectorAll(".entry:not([hidden])").length;
      year.hidden = n === 0;
      if (n) shownYears[year.getAttribute("data-year")] = true;
      var count = year.querySelector(".count");
      if (count) count.textContent = countText(count, n);
    });
    yearLinks.forEach(function (li) { li.hidden = !shownYears[li.getAttribute("data-year")]; });
    reset.hidden = facets.length === 0;
    status.textContent = status.getAttribute("data-template")
      .replace("{shown}", shown).replace("{total}", entries.length);
    var params = new URLSearchParams(location.search);
    selects.forEach(function (s) { params.delete(s.name); });
    facets.forEach(function (k) { params.set(k, wanted[k]); });
    var query = params.toString();
    history.replaceState(null, "", (query ? "?" + query : location.pathname) + location.hash);
  }

  function restore() {
    var initial = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var value = initial.get(s.name) || "";
      var known = Array.prototype.some.call(s.options, function (o) { return o.value === value; });
      s.value = known ? value : "";
    });
  }

  selects.forEach(function (s) { s.addEventListener("change", apply); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  window.addEventListener("popstate", function () { restore(); apply(); });
  restore();
  if (location.search) apply();
})();
