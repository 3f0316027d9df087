// Sorting and filtering of the report's tables. It only reorders rows and toggles their
// `hidden` attribute; it never builds markup from the page's text.
"use strict";

(function () {
  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) {
      return "";
    }
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function compare(a, b) {
    var x = Number(a);
    var y = Number(b);
    if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y)) {
      return x - y;
    }
    return a.localeCompare(b);
  }

  function sortBy(table, header) {
    var index = header.cellIndex;
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) {
      heads[i].removeAttribute("aria-sort");
    }
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compare(cellKey(r1, index), cellKey(r2, index));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) {
      body.appendChild(row);
    });
  }

  function applyFilters(table) {
    var query = "";
    var box = document.querySelector('input[data-filter="' + table.id + '"]');
    if (box) {
      query = box.value.trim().toLowerCase();
    }
    var shown = {};
    var boxes = document.querySelectorAll('input[data-status-filter="' + table.id + '"]');
    boxes.forEach(function (input) {
      shown[input.value] = input.checked;
    });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var status = row.getAttribute("data-status");
      var statusOk = !status || boxes.length === 0 || shown[status] !== false;
      var textOk = !query || row.textContent.toLowerCase().indexOf(query) !== -1;
      row.hidden = !(statusOk && textOk);
    });
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th button.sort").forEach(function (button) {
      button.addEventListener("click", function () {
        sortBy(table, button.closest("th"));
      });
    });
  });
  document.querySelectorAll("input[data-filter], input[data-status-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter") || input.getAttribute("data-status-filter"));
    if (table) {
      input.addEventListener("input", function () {
        applyFilters(table);
      });
      input.addEventListener("change", function () {
        applyFilters(table);
      });
    }
  });
})();
