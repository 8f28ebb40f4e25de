// The channel board, improved when JavaScript runs: filter rows by industry and columns by
// platform, and sort by a column (click its heading). Without it, the full table shows.
(function () {
  "use strict";
  var form = document.getElementById("board-filters");
  var table = document.getElementById("board");
  if (!form || !table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var status = form.querySelector(".filter-count");
  var industry = form.elements.industry;
  var platform = form.elements.platform;
  var order = { closed: 0, disputed: 1, hours: 2, pledge: 3, open: 4, unknown: 5 };

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var match = !industry.value || row.getAttribute("data-industry") === industry.value;
      row.hidden = !match;
      if (match) shown += 1;
    });
    table.querySelectorAll("[data-platform]").forEach(function (cell) {
      var p = cell.getAttribute("data-platform");
      cell.hidden = Boolean(platform.value) && p !== platform.value;
    });
    status.textContent = status.getAttribute("data-template")
      .replace("{shown}", shown).replace("{total}", rows.length);
  }

  function key(row, index, kind) {
    var cell = row.cells[index];
    if (kind === "state") {
      var state = cell.getAttribute("data-state") || "unknown";
      return [order[state], cell.getAttribute("data-since") || ""];
    }
    return [cell.textContent.trim().toLowerCase(), ""];
  }

  headings.forEach(function (heading, index) {
    var kind = heading.getAttribute("data-sort");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (heading.firstChild) button.appendChild(heading.firstChild);
    heading.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = heading.getAttribute("aria-sort") !== "ascending";
      headings.forEach(function (h) { h.removeAttribute("aria-sort"); });
      heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = key(a, index, kind), y = key(b, index, kind);
        var result = x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0;
        return ascending ? result : -result;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });

  industry.addEventListener("change", apply);
  platform.addEventListener("change", apply);
  form.hidden = false;
  apply();
})();
