// Results: a table with readable labels, sort, filter, paging, compact rows and downloads.
const PAGE_SIZE = 50;
const LONG_TEXT = 90;
const FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"];
const results = { vars: [], rows: [], labels: {}, sortVar: null, sortDir: 1, filter: "", page: 0, name: "results" };

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  return node;
}

function shortIri(iri) {
  const tail = iri.replace(/[/#]+$/, "").split(/[/#]/).pop();
  return tail || iri;
}

/** What a cell shows, and what sort and filter read: an IRI's label, else its last segment. */
function cellText(binding) {
  if (!binding) return "";
  if (binding.type === "uri") return results.labels[binding.value] || shortIri(binding.value);
  return binding.value;
}

function visibleRows() {
  const needle = results.filter.trim().toLowerCase();
  let rows = results.rows;
  if (needle) {
    rows = rows.filter(row => results.vars.some(v => row[v] &&
      (cellText(row[v]).toLowerCase().includes(needle) || row[v].value.toLowerCase().includes(needle))));
  }
  if (results.sortVar) {
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
    const v = results.sortVar;
    rows = [...rows].sort((a, b) => results.sortDir * collator.compare(cellText(a[v]), cellText(b[v])));
  }
  return rows;
}

/** The source line(s) a row cites for its statement, from a `lines` column ("statement 197, 212; ..."). */
function statementLines(row) {
  const lines = row.lines || row.line || row.statementLines;
  if (!lines) return "";
  const stated = /statement\s+([\d, ]+)/.exec(lines.value);
  const numbers = (stated ? stated[1] : lines.value).trim().replace(/[,\s]+$/, "");
  return /^\d/.test(numbers) ? `line ${numbers}` : "";
}

/** Text collapsed to one line (with its source line number), and a button that expands `targets`. */
function compactCell(text, line, targets) {
  const box = el("div", null, { class: "clip" });
  const toggle = el("button", "more", { type: "button", "aria-expanded": "false", "aria-label": "Show the whole row" });
  toggle.addEventListener("click", () => {
    const open = !box.classList.contains("open");
    [box, ...(targets || [])].forEach(node => node.classList.toggle("open", open));
    toggle.textContent = open ? "less" : "more";
    toggle.setAttribute("aria-expanded", String(open));
    toggle.setAttribute("aria-label", open ? "Collapse the row to one line" : "Show the whole row");
  });
  box.appendChild(toggle);
  if (line) box.appendChild(el("span", line, { class: "line" }));
  box.appendChild(el("span", text, { class: "text", title: text }));
  return box;
}

/** The column whose cell carries a row's expand button: its first long text (a row's quote line carries it if it has one). */
function toggleColumn(row) {
  if (row.quote && row.quote.value) return null;
  return results.vars.find(v => v !== "quote" && row[v] && row[v].type !== "uri" && row[v].value.length > LONG_TEXT) || null;
}

/** The columns of the table: every variable but `quote`, which has a line of its own under its row. */
function columns() {
  return results.vars.filter(v => v !== "quote");
}

function renderCell(row, v, tr) {
  const td = el("td");
  const binding = row[v];
  if (!binding) return td;
  if (binding.type === "uri") {
    const link = el("a", cellText(binding), { class: "iri", href: `?describe=${encodeURIComponent(binding.value)}`, title: binding.value });
    link.addEventListener("click", event => { event.preventDefault(); openEntity(binding.value); });
    td.appendChild(link);
  } else if (v === toggleColumn(row)) {
    td.classList.add("long");
    td.appendChild(compactCell(binding.value, "", [tr]));
  } else {
    td.textContent = binding.type === "bnode" ? `_:${binding.value}` : binding.value;
    td.title = binding.value;
  }
  return td;
}

function sortBy(v) {
  results.sortDir = results.sortVar === v ? -results.sortDir : 1;
  results.sortVar = v;
  renderTable();
  document.querySelector(`th[data-var="${CSS.escape(v)}"] button`).focus();
}

function renderTable() {
  const rows = visibleRows();
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  results.page = Math.min(results.page, pages - 1);
  const start = results.page * PAGE_SIZE;
  const table = el("table", null, { id: "result-table" });
  table.appendChild(el("caption", `Results of ${results.name}`, { class: "visually-hidden" }));
  const head = el("tr");
  for (const v of columns()) {
    const th = el("th", null, { scope: "col", "data-var": v });
    if (results.sortVar === v) th.setAttribute("aria-sort", results.sortDir > 0 ? "ascending" : "descending");
    const button = el("button", v, { type: "button", title: `Sort by ${v}` });
    button.addEventListener("click", () => sortBy(v));
    th.appendChild(button);
    head.appendChild(th);
  }
  table.appendChild(el("thead")).appendChild(head);
  for (const row of rows.slice(start, start + PAGE_SIZE)) {
    const body = table.appendChild(el("tbody", null, { class: "result" }));
    const tr = body.appendChild(el("tr"));
    columns().forEach(v => tr.appendChild(renderCell(row, v, tr)));
    if (row.quote && row.quote.value) {
      const quoteRow = body.appendChild(el("tr", null, { class: "quote" }));
      const td = quoteRow.appendChild(el("td", null, { colspan: columns().length }));
      td.appendChild(compactCell(row.quote.value, statementLines(row), [tr, quoteRow]));
    }
  }
  document.getElementById("table-wrap").replaceChildren(table);
  const total = results.rows.length;
  const filtered = rows.length === total ? "" : ` (filtered from ${total})`;
  document.getElementById("page-info").textContent = rows.length
    ? `Rows ${start + 1}–${Math.min(start + PAGE_SIZE, rows.length)} of ${rows.length}${filtered}` : `No rows${filtered}`;
  document.getElementById("previous").disabled = results.page === 0;
  document.getElementById("next").disabled = results.page >= pages - 1;
}

async function fetchLabels() {
  const iris = [...new Set(results.rows.flatMap(row => Object.values(row).filter(b => b.type === "uri").map(b => b.value)))];
  if (!iris.length) return;
  const response = await fetch("/api/labels", { method: "POST", body: JSON.stringify(iris.slice(0, 2000)),
                                                headers: { "Content-Type": "application/json" } });
  if (response.ok) {
    results.labels = await response.json();
    renderTable();
  }
}

/** Show a SELECT answer (SPARQL JSON) as the table; `name` names the downloads. */
function showRows(data, name) {
  Object.assign(results, { vars: data.head.vars, rows: data.results.bindings, labels: {}, sortVar: null,
                           sortDir: 1, page: 0, name });
  results.filter = document.getElementById("filter").value;
  renderTable();
  fetchLabels().catch(() => {});
}

function spreadsheetSafe(text) {
  return FORMULA_STARTS.includes(text.charAt(0)) ? `'${text}` : text;
}

function csvCell(text) {
  const safe = spreadsheetSafe(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function tsvCell(text) {
  return spreadsheetSafe(text).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** Download the rows as they stand (filtered and sorted, every page) as CSV, TSV or SPARQL JSON. */
function download(format) {
  const rows = visibleRows();
  let text = JSON.stringify({ head: { vars: results.vars }, results: { bindings: rows } }, null, 2);
  let type = "application/sparql-results+json";
  if (format !== "json") {
    const cell = format === "csv" ? csvCell : tsvCell;
    const table = [results.vars, ...rows.map(row => results.vars.map(v => (row[v] ? row[v].value : "")))];
    text = table.map(cells => cells.map(cell).join(format === "csv" ? "," : "\t")).join("\r\n") + "\r\n";
    type = format === "csv" ? "text/csv" : "text/tab-separated-values";
  }
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = el("a", null, { href: url, download: `${results.name}.${format}` });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function setUpResults() {
  const filter = document.getElementById("filter");
  filter.addEventListener("input", () => { results.filter = filter.value; results.page = 0; renderTable(); });
  document.getElementById("previous").addEventListener("click", () => { results.page -= 1; renderTable(); });
  document.getElementById("next").addEventListener("click", () => { results.page += 1; renderTable(); });
  document.querySelectorAll(".downloads button").forEach(b => b.addEventListener("click", () => download(b.dataset.format)));
}
