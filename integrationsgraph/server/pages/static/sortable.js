// Sortable result tables: a click on a column's head (a button, so Enter and Space work too) sorts the
// rows by it, a second click the other way; `aria-sort` says which way. Dates sort by their
// `datetime`, numbers as numbers, the rest as text in the page's language.

function sortKey(cell) {
  const time = cell.querySelector("time[datetime]");
  return (time ? time.getAttribute("datetime") : cell.textContent).trim();
}

function compare(a, b, collator) {
  const [x, y] = [Number(a), Number(b)];
  if (a !== "" && b !== "" && !Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  if (a === "" || b === "") return a === "" ? (b === "" ? 0 : 1) : -1; // empty cells last
  return collator.compare(a, b);
}

/** Makes the heads of `table` sort its body's rows. */
export function makeSortable(table) {
  const heads = [...table.querySelectorAll("thead th")];
  const collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });
  heads.forEach((head, column) => {
    if (head.querySelector("button")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.append(...head.childNodes);
    head.append(button);
    button.addEventListener("click", () => {
      const ascending = head.getAttribute("aria-sort") !== "ascending";
      const body = table.tBodies[0];
      const rows = [...body.rows].map((row, index) => ({ row, index, key: sortKey(row.cells[column] ?? row) }));
      rows.sort((a, b) => (ascending ? 1 : -1) * compare(a.key, b.key, collator) || a.index - b.index);
      body.append(...rows.map(({ row }) => row));
      for (const other of heads) other.removeAttribute("aria-sort");
      head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    });
  });
}

for (const table of document.querySelectorAll("table.results")) makeSortable(table);
