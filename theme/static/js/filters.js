// Client-side facet filters for the timeline. Without JavaScript the form stays hidden
// and the facet pages do the same job.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  var entries = Array.prototype.slice.call(document.querySelectorAll(".entry"));
  var years = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  var status = form.querySelector(".filter-count");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

  function apply() {
    var wanted = {};
    selects.forEach(function (s) { if (s.value) wanted[s.name] = s.value; });
    var shown = 0;
    entries.forEach(function (entry) {
      var match = Object.keys(wanted).every(function (facet) {
        var values = (entry.getAttribute("data-" + facet) || "").split(" ");
        return values.indexOf(wanted[facet]) !== -1;
      });
      entry.hidden = !match;
      if (match) shown += 1;
    });
    years.forEach(function (year) {
      year.hidden = !year.querySelector(".entry:not([hidden])");
    });
    status.textContent = status.getAttribute("data-template")
      .replace("{shown}", shown).replace("{total}", entries.length);
    var params = new URLSearchParams();
    Object.keys(wanted).forEach(function (k) { params.set(k, wanted[k]); });
    var query = params.toString();
    history.replaceState(null, "", query ? "?" + query : location.pathname);
  }

  var initial = new URLSearchParams(location.search);
  selects.forEach(function (s) {
    if (initial.get(s.name)) s.value = initial.get(s.name);
    s.addEventListener("change", apply);
  });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
})();
