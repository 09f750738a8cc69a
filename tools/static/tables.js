/* Long tables on the site: a search box that filters the rows, and sortable columns (click a
   heading). Plain JavaScript, served with the site: no CDN, works from the file system. */
(function () {
  "use strict";
  const MIN_ROWS = 8;

  function cellValue(row, index) {
    const cell = row.children[index];
    return cell ? cell.textContent.trim() : "";
  }

  function sortBy(table, index, heading) {
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const ascending = heading.getAttribute("aria-sort") !== "ascending";
    const numeric = rows.every((r) => cellValue(r, index) === "" || !isNaN(Number(cellValue(r, index))));
    rows.sort((a, b) => {
      const x = cellValue(a, index), y = cellValue(b, index);
      const order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return ascending ? order : -order;
    });
    table.querySelectorAll("th[aria-sort]").forEach((th) => th.removeAttribute("aria-sort"));
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach((r) => body.appendChild(r));
  }

  function enhance(table) {
    const body = table.tBodies[0];
    if (!body || body.rows.length < MIN_ROWS) return;
    const search = document.createElement("input");
    search.type = "search";
    search.className = "table-search";
    search.placeholder = `Filter these ${body.rows.length} rows…`;
    search.setAttribute("aria-label", "Filter the rows of the table below");
    search.addEventListener("input", () => {
      const wanted = search.value.trim().toLowerCase();
      Array.from(body.rows).forEach((row) => {
        row.hidden = wanted !== "" && !row.textContent.toLowerCase().includes(wanted);
      });
    });
    table.parentNode.insertBefore(search, table);
    const headings = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1].cells : [];
    Array.from(headings).forEach((heading, index) => {
      heading.classList.add("sortable");
      heading.title = "Sort by this column";
      heading.addEventListener("click", () => sortBy(table, index, heading));
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".cell_output table").forEach(enhance);
  });
})();
