// An entity's neighbourhood: its triples both ways with labels, in a dialog; every IRI opens its own.
function termNode(term) {
  if (term.type !== "uri") return document.createTextNode(term.type === "bnode" ? (term.label || `_:${term.value}`) : term.value);
  const link = el("a", term.label || shortIri(term.value), { class: "iri", href: `?describe=${encodeURIComponent(term.value)}`, title: term.value });
  link.addEventListener("click", event => { event.preventDefault(); openEntity(term.value); });
  return link;
}

function valueNode(term) {
  return term.type === "literal" && term.value.length > LONG_TEXT ? compactCell(term.value, "", null) : termNode(term);
}

/** The triples as a table; `incoming` puts the subject (the other end) first. */
function tripleTable(caption, triples, truncated, incoming) {
  const table = el("table");
  table.appendChild(el("caption", truncated ? `${caption} (the first ${triples.length})` : caption, { class: "muted" }));
  const head = el("tr");
  const columns = incoming ? ["subject", "property"] : ["property", "value"];
  columns.forEach(name => head.appendChild(el("th", name, { scope: "col" })));
  table.appendChild(el("thead")).appendChild(head);
  const body = table.appendChild(el("tbody"));
  for (const triple of triples) {
    const tr = body.appendChild(el("tr"));
    const cells = incoming ? [valueNode(triple.value), termNode(triple.property)] : [termNode(triple.property), valueNode(triple.value)];
    cells.forEach(node => tr.appendChild(el("td")).appendChild(node));
  }
  return table;
}

async function openEntity(iri) {
  const dialog = document.getElementById("entity");
  const body = document.getElementById("entity-body");
  document.getElementById("entity-title").textContent = results.labels[iri] || shortIri(iri);
  document.getElementById("entity-iri").textContent = iri;
  body.replaceChildren(el("p", "Loading…", { class: "muted" }));
  if (!dialog.open) dialog.showModal();
  const response = await fetch(`/api/describe?iri=${encodeURIComponent(iri)}`);
  const data = await response.json();
  if (!response.ok) {
    body.replaceChildren(el("p", data.error || `error ${response.status}`, { role: "alert" }));
    return;
  }
  document.getElementById("entity-title").textContent = data.label || shortIri(iri);
  body.replaceChildren(
    el("h3", "What the graph says about it"),
    data.outgoing.length ? tripleTable("Its properties", data.outgoing, data.outgoingTruncated, false) : el("p", "Nothing.", { class: "muted" }),
    el("h3", "What points to it"),
    data.incoming.length ? tripleTable("Subjects with a property whose value it is", data.incoming, data.incomingTruncated, true)
                         : el("p", "Nothing.", { class: "muted" }));
  document.getElementById("entity-close").focus();
}

function setUpNeighbourhood() {
  const dialog = document.getElementById("entity");
  document.getElementById("entity-close").addEventListener("click", () => dialog.close());
}
