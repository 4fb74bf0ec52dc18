// The workbench: the library with search, the parameter form with autocomplete, the SPARQL editor,
// runs (library or SPARQL) whose URL reproduces them, and errors that replace stale results.
const state = { queries: [], current: null, prefixes: {}, editor: null, values: {}, running: null };

function show(id, visible) { document.getElementById(id).hidden = !visible; }

function setStatus(text) { document.getElementById("status").textContent = text; }

/** An error replaces whatever results were shown, and is announced; `excerpt` (monospace) follows it. */
function showError(message, excerpt) {
  show("results-area", false);
  document.getElementById("table-wrap").replaceChildren();
  document.querySelectorAll("#result-graph").forEach(node => node.remove());
  setStatus("");
  const box = document.getElementById("error");
  box.textContent = message;
  if (excerpt) box.appendChild(el("pre", excerpt, { class: "excerpt" }));
  box.hidden = false;
}

function clearError() {
  const box = document.getElementById("error");
  box.hidden = true;
  box.textContent = "";
  document.querySelectorAll("#params [aria-invalid]").forEach(input => input.removeAttribute("aria-invalid"));
}

function renderLibrary() {
  const needle = document.getElementById("search").value.trim().toLowerCase();
  const list = document.getElementById("library");
  list.replaceChildren();
  let shown = 0;
  let group = null;
  const questionsFirst = query => (query.group === "check" ? 1 : 0);
  for (const query of [...state.queries].sort((a, b) => questionsFirst(a) - questionsFirst(b))) {
    const haystack = `${query.id} ${query.summary} ${query.tags.join(" ")} ${Object.keys(query.params).join(" ")}`.toLowerCase();
    if (needle && !needle.split(/\s+/).every(word => haystack.includes(word))) continue;
    if (query.group !== group) {
      group = query.group;
      list.appendChild(el("li")).appendChild(el("h3", { ig: "Questions", check: "Checks" }[group] || group));
    }
    const button = el("button", null, { type: "button", "data-id": query.id });
    button.append(el("strong", query.id), el("small", query.summary));
    button.classList.toggle("active", state.current === query);
    if (state.current === query) button.setAttribute("aria-current", "true");
    button.addEventListener("click", () => choose(query, null, true));
    list.appendChild(el("li")).appendChild(button);
    shown += 1;
  }
  document.getElementById("library-count").textContent = needle ? `${shown} of ${state.queries.length} queries match` : `${state.queries.length} queries`;
}

async function valuesOf(kind) {
  if (!(kind in state.values)) {
    const response = await fetch(`/api/values?kind=${encodeURIComponent(kind)}`);
    state.values[kind] = response.ok ? await response.json() : [];
  }
  return state.values[kind];
}

/** A datalist of the vocabulary's labels for a parameter's kind (the input's autocomplete). */
async function fillSuggestions(list, kind) {
  for (const value of await valuesOf(kind)) list.appendChild(el("option", null, { value: value.label }));
}

function paramInput(name, spec, value) {
  const id = `p-${name}`;
  const label = el("label", name, { for: id });
  label.appendChild(el("span", ` (${spec.type}${spec.required ? "" : ", optional"})`));
  let input;
  if (spec.values.length) {
    input = el("select", null, { id, name });
    if (!spec.required) input.appendChild(el("option", "", { value: "" }));
    spec.values.forEach(v => input.appendChild(el("option", v, { value: v })));
  } else {
    input = el("input", null, { id, name, autocomplete: "off", spellcheck: "false" });
    if (["gateway", "category", "council", "notice", "recipient"].includes(spec.type)) {
      const list = el("datalist", null, { id: `${id}-values` });
      input.setAttribute("list", list.id);
      fillSuggestions(list, spec.type).catch(() => {});
      label.appendChild(list);
    }
  }
  if (spec.description) input.setAttribute("title", spec.description);
  input.setAttribute("placeholder", spec.description || "");
  input.value = value;
  const box = el("div");
  box.append(label, input);
  return box;
}

/** Show a query's form and text; `values` fill the form (else its example). */
function choose(query, values, focus) {
  state.current = query;
  renderLibrary();
  document.getElementById("query-title").textContent = query.id;
  document.getElementById("description").textContent = query.summary;
  document.getElementById("about-text").textContent = query.description;
  show("about", Boolean(query.description));
  const params = document.getElementById("params");
  params.replaceChildren();
  for (const [name, spec] of Object.entries(query.params)) {
    const value = values ? values[name] : query.example[name];  // a run's own values, else the example
    params.appendChild(paramInput(name, spec, value ?? spec.default ?? ""));
  }
  show("form", true);
  document.getElementById("sparql-hint").textContent = Object.keys(query.params).length
    ? "(the library text; run as it stands, its parameters are unbound: Run query binds them)" : "(the library text)";
  setEditorText(query.text);
  clearError();
  if (focus) {
    history.replaceState(null, "", `?query=${encodeURIComponent(query.id)}`);
    document.getElementById("main").scrollTop = 0;
    document.getElementById("query-title").focus();
  }
}

function chooseSparql(text) {
  state.current = null;
  renderLibrary();
  document.getElementById("query-title").textContent = "Your SPARQL";
  document.getElementById("description").textContent = "Write a query over the built graph; the project's prefixes are offered as you type.";
  show("about", false);
  show("form", false);
  document.getElementById("sparql-hint").textContent = "";
  document.getElementById("sparql-box").open = true;
  if (text !== undefined) setEditorText(text);
  clearError();
}

function formValues() {
  const values = {};
  for (const name of Object.keys(state.current.params)) {
    const value = document.getElementById(`p-${name}`).value.trim();
    if (value !== "") values[name] = value;
  }
  return values;
}

/** Fetch an answer; a new run aborts the one before it (the server then stops its query). */
async function fetchAnswer(url, options) {
  if (state.running) state.running.abort();
  const controller = new AbortController();
  state.running = controller;
  const response = await fetch(url, { ...options, signal: controller.signal });
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : { text: await response.text(), type };
  if (!response.ok) throw new Error(body.error || body.text || `the server answered ${response.status}`);
  return body;
}

function showAnswer(data, name, started) {
  clearError();
  document.querySelectorAll("#result-graph").forEach(node => node.remove());
  const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  if (data.head && data.results) {
    show("results-area", true);
    showRows(data, name);
    setStatus(`${data.results.bindings.length} rows in ${took}`);
  } else {
    show("results-area", false);
    const text = "boolean" in data ? (data.boolean ? "Yes (true)" : "No (false)") : (data.graph ?? data.text ?? JSON.stringify(data, null, 2));
    document.getElementById("status").after(el("pre", text, { id: "result-graph", class: "graph" }));
    setStatus(`answered in ${took}`);
  }
}

/** A parse error's position: the message names it, the excerpt shows the line with a caret under it. */
function explainSparql(message, text) {
  const where = /\(line:(\d+), col:(\d+)\)/.exec(message) || /\bat (\d+):(\d+)\b/.exec(message);
  if (!where) return [message, ""];
  const [line, column] = [Number(where[1]), Number(where[2])];
  if (state.editor.goTo) state.editor.goTo(line, column);
  const source = (text.split("\n")[line - 1] || "").replace(/\t/g, " ");
  return [`Line ${line}, column ${column}: ${message}`, `${line} | ${source}\n${" ".repeat(String(line).length + 3 + column - 1)}^`];
}

/** The readable form of a parameter error: closest values by label, and where to find them all. */
function explainParameter(message) {
  return message.replace(/ <[^<>\s]+>/g, "")  // suggestions by label; the IRIs are in the field's list
    .replace(/ \(see 'sharinggraph query values (\w+)'\)/, ". The field offers every known $1 as you type.");
}

function markInvalid(message) {
  for (const [name, spec] of Object.entries(state.current.params)) {
    const input = document.getElementById(`p-${name}`);
    if (input.value && (message.includes(`${spec.type} '${input.value}'`) || message.includes(`'${name}'`))) {
      input.setAttribute("aria-invalid", "true");
    }
  }
}

async function runLibrary(event, push = true) {
  if (event) event.preventDefault();
  const query = state.current;
  const values = formValues();
  const link = `?${new URLSearchParams({ run: query.id, ...values })}`;
  if (push) history.pushState(null, "", link);
  const permalink = document.getElementById("permalink");
  permalink.href = link;
  permalink.hidden = false;
  setStatus(`Running ${query.id}…`);
  const started = performance.now();
  try {
    showAnswer(await fetchAnswer(`/api/run?${new URLSearchParams({ id: query.id, ...values })}`), query.id, started);
  } catch (error) {
    if (error.name === "AbortError") return;
    showError(explainParameter(error.message));
    markInvalid(error.message);
  }
}

async function runSparql(push = true) {
  const text = state.editor.text;
  if (push) history.pushState(null, "", `?${new URLSearchParams({ sparql: text })}`);
  setStatus("Running your SPARQL…");
  const started = performance.now();
  try {
    const answer = await fetchAnswer("/sparql", {
      method: "POST", body: new URLSearchParams({ query: text }),
      headers: { Accept: "application/sparql-results+json, text/turtle;q=0.9, */*;q=0.1" },
    });
    showAnswer(answer, state.current ? state.current.id : "sparql", started);
  } catch (error) {
    if (error.name !== "AbortError") showError(...explainSparql(error.message, text));
  }
}

function setEditorText(text) {
  state.editor.text = text;
}

function makeEditor() {
  const parent = document.getElementById("editor");
  const label = "SPARQL query text";
  if (window.SparqlEditor) {
    state.editor = SparqlEditor.createEditor(parent, "", () => runSparql(), state.prefixes, label);
    return;
  }
  const area = el("textarea", null, { "aria-label": label, spellcheck: "false" });
  area.addEventListener("keydown", event => { if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) runSparql(); });
  parent.appendChild(area);
  state.editor = { get text() { return area.value; }, set text(value) { area.value = value; } };
}

function insertPrefixes() {
  const declared = Object.entries(state.prefixes).map(([name, iri]) => `PREFIX ${name}: <${iri}>`);
  const text = state.editor.text;
  const missing = declared.filter(line => !text.includes(line.split(" <")[0]));
  setEditorText(`${missing.join("\n")}${missing.length ? "\n" : ""}${text}`);
}

/** Apply the page's address: ?run=ID&NAME=VALUE, ?sparql=TEXT, ?query=ID, ?describe=IRI. */
async function applyAddress() {
  const wanted = new URLSearchParams(window.location.search);
  const id = wanted.get("run") || wanted.get("query");
  const query = state.queries.find(q => q.id === id);
  if (query) {
    const values = {};
    for (const name of Object.keys(query.params)) values[name] = wanted.get(name);
    choose(query, wanted.has("run") ? values : null, false);
    if (wanted.has("run")) await runLibrary(null, false);
  } else if (wanted.has("sparql")) {
    chooseSparql(wanted.get("sparql"));
    await runSparql(false);
  } else if (id) {
    showError(`There is no query '${id}' in the library.`);
  }
  if (wanted.has("describe")) openEntity(wanted.get("describe"));
}

async function start() {
  const [queries, prefixes] = await Promise.all(["/api/queries", "/api/prefixes"].map(url => fetch(url).then(r => r.json())));
  Object.assign(state, { queries, prefixes });
  makeEditor();
  setUpResults();
  setUpNeighbourhood();
  renderLibrary();
  const search = document.getElementById("search");
  search.addEventListener("input", renderLibrary);
  search.addEventListener("keydown", event => {  // Enter chooses the first query that matches
    const first = document.querySelector("#library button");
    if (event.key === "Enter" && first) first.click();
  });
  document.getElementById("form").addEventListener("submit", runLibrary);
  document.getElementById("run-sparql").addEventListener("click", () => runSparql());
  document.getElementById("insert-prefixes").addEventListener("click", insertPrefixes);
  document.getElementById("write-sparql").addEventListener("click", () => {
    chooseSparql(state.editor.text || "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20");
    if (!state.editor.text.includes("PREFIX")) insertPrefixes();
    history.replaceState(null, "", "?");
  });
  window.addEventListener("popstate", applyAddress);
  await applyAddress();
}

start().catch(error => showError(`The workbench could not start: ${error.message}`));
