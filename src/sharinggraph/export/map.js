"use strict";
// The sharing map: councils on the left, kinds of body on the right, each a box that opens on click.
// Data reaches the page as text only (textContent, cytoscape labels), never as markup.
const data = JSON.parse(document.getElementById("data").textContent);
const style = data.style;
const $ = id => document.getElementById(id);
const bodies = new Map(data.bodies.map(b => [b.id, b]));
const homes = new Map();
// a box (a council or a kind of body) has its own id: a council is a box and also a body in its box
const BOX = "box:";
data.councils.forEach(c => homes.set(BOX + c.id, { ...c, id: BOX + c.id, iri: c.id, side: "council", ...style.council }));
data.groups.forEach(g => homes.set(BOX + g.id, { ...g, id: BOX + g.id, side: "group" }));
data.bodies.forEach(b => { b.home = BOX + b.home; });
const TIER_NAMES = { 1: "stated", 2: "notice-wide", 3: "implied" };
const expanded = new Set();
let selected = null;  // a body's or a box's id
let chosenLine = null;  // or a line of the map (or one flow): { title, flows: Set of flow ids }
const ROW = 40, HOME_GAP = 64, COLUMN_GAP = 400, FONT = 14;

// ---- filters -------------------------------------------------------------------------------
function option(select, value, text) {
  const o = document.createElement("option"); o.value = value; o.textContent = text; select.appendChild(o); return o;
}
data.councils.forEach(c => option($("council"), c.id, c.label));
const categories = data.terms.map((t, i) => [t, i]).filter(([t]) => t.kind === "category").sort((a, b) => a[0].label.localeCompare(b[0].label));
categories.forEach(([t, i]) => option($("category"), `t:${i}`, t.label));
const gateways = data.terms.filter(t => t.kind === "gateway");
const acts = new Map(gateways.map(t => [t.instrument, t.instrumentLabel]));
const actGroup = document.createElement("optgroup"); actGroup.label = "Act or instrument, with its sections";
[...acts].sort((a, b) => a[1].localeCompare(b[1])).forEach(([iri, label]) => option(actGroup, `act:${iri}`, label));
const sectionGroup = document.createElement("optgroup"); sectionGroup.label = "Section cited";
gateways.filter(t => t.exact).sort((a, b) => a.label.localeCompare(b.label)).forEach(t => option(sectionGroup, `exact:${t.id}`, t.label));
$("gateway").append(actGroup, sectionGroup);
const FILTERS = ["council", "direction", "category", "gateway", "tier"];

function filters() { return Object.fromEntries(FILTERS.map(id => [id, $(id).value])); }

function termMatches(term, wanted) {
  if (wanted === "special") return term.kind === "category" && term.special;
  if (wanted === "criminal") return term.kind === "category" && term.criminal;
  if (wanted.startsWith("t:")) return data.terms[Number(wanted.slice(2))] === term;
  if (wanted.startsWith("act:")) return term.kind === "gateway" && term.instrument === wanted.slice(4);
  if (wanted.startsWith("exact:")) return term.kind === "gateway" && term.id === wanted.slice(6);
  return false;
}

function shownLinks(flow, maxRank) { return flow.links.filter(([, rank]) => rank <= maxRank); }

function visibleFlows() {
  const f = filters(), maxRank = Number(f.tier);
  return data.flows.filter(flow => (!f.council || flow.councils.includes(f.council))
    && (!f.direction || (f.direction === "share") === (flow.kind === "share"))
    && [f.category, f.gateway].every(wanted => !wanted
      || shownLinks(flow, maxRank).some(([term]) => termMatches(data.terms[term], wanted))));
}

// ---- the graph -----------------------------------------------------------------------------
const cy = cytoscape({
  container: $("map"), minZoom: 0.2, maxZoom: 3, boxSelectionEnabled: false,
  style: [
    { selector: "node", style: { "label": "data(label)", "font-size": FONT, "color": style.label, "width": 26, "height": 26,
      "shape": "data(shape)", "background-color": "data(colour)", "text-valign": "center", "text-wrap": "wrap", "text-max-width": 250,
      "text-background-color": style.background, "text-background-opacity": 0.85, "text-background-padding": 2 } },
    { selector: "node[column = 'left']", style: { "text-halign": "left", "text-margin-x": -8 } },
    { selector: "node[column = 'right']", style: { "text-halign": "right", "text-margin-x": 8 } },
    { selector: "node[?home]", style: { "width": "data(size)", "height": "data(size)", "font-weight": 600 } },
    { selector: ":parent", style: { "shape": "round-rectangle", "background-color": "data(colour)", "background-opacity": 0.06,
      "border-width": 2, "border-color": "data(colour)", "text-valign": "top", "text-halign": "center", "text-margin-x": 0,
      "text-margin-y": -4, "padding": 10 } },
    { selector: "edge", style: { "width": "data(width)", "line-color": style.edge, "target-arrow-color": style.edge,
      "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.9 } },
    { selector: "edge[bend]", style: { "curve-style": "unbundled-bezier", "control-point-distances": "data(bend)", "control-point-weights": 0.5 } },
    { selector: "edge[direction = 'receive']", style: { "line-style": "dashed", "line-dash-pattern": [7, 4] } },
    { selector: ".faded", style: { "opacity": 0.18 } },
    { selector: "edge.lit", style: { "line-color": style.highlight, "target-arrow-color": style.highlight, "z-index": 10,
      "label": "data(count)", "font-size": 12, "color": style.label, "text-background-color": style.background,
      "text-background-opacity": 1, "text-background-padding": 2 } },
    { selector: "node.chosen", style: { "border-width": 4, "border-color": style.highlight } }
  ]
});

function homeOf(id) { return bodies.has(id) ? bodies.get(id).home : id; }
function shown(id) { return expanded.has(homeOf(id)) ? id : homeOf(id); }

// the overview: a column of councils and one of kinds of body; an opened box lists its bodies in a column
function elements(flows) {
  const edges = new Map(), count = new Map(), present = new Set();
  for (const flow of flows) {
    const from = shown(flow.source), to = shown(flow.target), direction = flow.kind === "share" ? "share" : "receive";
    const key = `${from}\n${to}\n${direction}`;
    if (!edges.has(key)) edges.set(key, { source: from, target: to, direction, flows: [] });
    edges.get(key).flows.push(flow.id);
    present.add(flow.source); present.add(flow.target);
    for (const home of new Set([homeOf(flow.source), homeOf(flow.target)])) count.set(home, (count.get(home) || 0) + 1);
  }
  const nodes = [], heights = { left: 0, right: 0 }, placed = { left: [], right: [] };
  for (const [id, home] of homes) {
    if (!count.has(id)) continue;
    const column = home.side === "council" ? "left" : "right";
    const members = data.bodies.filter(b => b.home === id && present.has(b.id));
    const open = expanded.has(id);
    const label = `${home.label} (${count.get(id)})`;
    const size = Math.min(52, 22 + 3 * Math.sqrt(count.get(id)));  // a closed box grows with its flows
    nodes.push({ data: { id, label, colour: home.colour, shape: home.shape, column, home: true, open, size } });
    const top = heights[column];
    if (open) {
      members.forEach((b, i) => nodes.push({ data: { id: b.id, parent: id, label: b.label, colour: home.colour,
        shape: home.shape, column }, position: { x: 0, y: top + 30 + i * ROW } }));
      heights[column] += 30 + members.length * ROW + HOME_GAP;
    } else {
      placed[column].push([id, top]);
      heights[column] += HOME_GAP;
    }
  }
  // the shorter column is spread over the taller one's height, so that its edges fan out less
  const tall = Math.max(heights.left, heights.right) - HOME_GAP;
  const stretch = Object.fromEntries(["left", "right"].map(c => [c, heights[c] > HOME_GAP ? tall / (heights[c] - HOME_GAP) : 1]));
  const shift = Object.fromEntries(["left", "right"].map(c => [c, heights[c] > HOME_GAP ? 0 : tall / 2]));
  for (const node of nodes) {
    const column = node.data.column, x = column === "left" ? 0 : COLUMN_GAP;
    const y = node.position ? node.position.y : node.data.open ? null : placed[column].find(([id]) => id === node.data.id)[1];
    if (y !== null) node.position = { x, y: y * stretch[column] + shift[column] };
  }
  const at = new Map(nodes.filter(n => n.position).map(n => [n.data.id, n]));
  const links = [...edges.values()].map((e, i) => {
    const link = { data: { id: `edge-${i}`, ...e, count: e.flows.length, width: Math.min(9, 1.5 + 1.6 * Math.log2(e.flows.length)) } };
    const from = at.get(e.source), to = at.get(e.target);
    // an edge within one column bows inwards, clear of the column's nodes and labels
    if (from && to && from !== to && from.data.column === to.data.column) {
      const down = to.position.y > from.position.y ? 1 : -1, inwards = from.data.column === "left" ? -1 : 1;
      link.data.bend = down * inwards * (30 + 0.25 * Math.abs(to.position.y - from.position.y));
    }
    return link;
  });
  return [...nodes, ...links];
}

function labelOverlaps() {
  const boxes = cy.nodes().map(n => n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }));
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps++;
  }
  return overlaps;
}

function draw() {
  const flows = visibleFlows();
  cy.batch(() => { cy.elements().remove(); cy.add(elements(flows)); });
  cy.fit(cy.elements(), 24);
  const visibleBodies = new Set(flows.flatMap(f => [f.source, f.target]));
  document.body.dataset.summary = `${plural(flows.length, "flow")} between ${plural(visibleBodies.size, "body", "bodies")}`;
  Object.assign(document.body.dataset, {
    visibleFlows: String(flows.length), visibleBodies: String(visibleBodies.size),
    graphFlows: cy.edges().map(e => e.data("flows")).flat().sort().join(" "),
    councilShown: $("council").selectedOptions[0].textContent, labelOverlaps: String(labelOverlaps()), labelPixels: (FONT * cy.zoom()).toFixed(1), expanded: [...expanded].sort().join(" ")
  });
  renderTable(flows);
  highlight();
}

// ---- selection -----------------------------------------------------------------------------
function involves(flow, id) {
  return [flow.source, flow.target].some(end => end === id || homeOf(end) === id);
}

function highlight() {
  cy.elements().removeClass("faded lit chosen");
  const flows = chosenLine ? visibleFlows().filter(f => chosenLine.flows.has(f.id))
    : selected ? visibleFlows().filter(f => involves(f, selected)) : [];
  document.body.dataset.selected = selected || (chosenLine ? [...chosenLine.flows].join(" ") : "");
  document.body.dataset.highlightedFlows = flows.map(f => f.id).sort().join(" ");
  renderPanel(flows);
  const title = selected ? labelOf(selected) : chosenLine?.title;
  $("counts").textContent = document.body.dataset.summary + (title ? `; ${title}: ${plural(flows.length, "flow")}` : "");
  if (!title) return;
  const ids = new Set(flows.map(f => f.id));
  const lit = cy.edges().filter(e => e.data("flows").some(id => ids.has(id)));
  const chosen = selected ? cy.getElementById(shown(selected)) : cy.collection();
  const keep = lit.union(lit.connectedNodes()).union(chosen);
  cy.elements().not(keep.union(keep.parents())).addClass("faded");
  lit.addClass("lit");
  chosen.addClass("chosen");
}

function chooseLine(title, flows) {
  selected = null; chosenLine = { title, flows: new Set(flows) };
  highlight();
}

function select(id, { toggle = false } = {}) {
  const flow = data.flows.find(f => f.id === id);
  if (flow) { chooseLine(`${labelOf(flow.source)} → ${labelOf(flow.target)}`, [id]); return; }
  if (!bodies.has(id) && homes.has(BOX + id)) id = BOX + id;  // a group's IRI names its box
  chosenLine = null;
  const home = homeOf(id);
  if (home === id && toggle) { if (expanded.has(id)) expanded.delete(id); else expanded.add(id); }
  else if (home !== id) expanded.add(home);
  selected = id;
  draw();
}

cy.on("tap", "node", event => select(event.target.id(), { toggle: true }));
cy.on("tap", "edge", event => {
  const line = event.target.data();
  chooseLine(`${labelOf(line.source)} → ${labelOf(line.target)}`, line.flows);
});
cy.on("tap", event => { if (event.target === cy) { selected = null; chosenLine = null; highlight(); } });

// ---- the panel -----------------------------------------------------------------------------
function add(parent, tag, text, className) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  parent.appendChild(el);
  return el;
}

function plural(count, noun, nouns = `${noun}s`) { return `${count} ${count === 1 ? noun : nouns}`; }

function labelOf(id) { return bodies.get(id)?.label ?? homes.get(id)?.label ?? homes.get(BOX + id)?.label ?? id; }

function linkList(parent, flow, kind, empty) {
  const links = shownLinks(flow, Number($("tier").value)).filter(([term]) => data.terms[term].kind === kind);
  if (!links.length) {
    const implied = flow.links.filter(([term, rank]) => rank === 3 && data.terms[term].kind === kind).length;
    const more = implied && $("tier").value !== "3" ? ` (${plural(implied, "implied link")}: choose "Any, including implied")` : "";
    parent.appendChild(document.createTextNode(empty + more));
    return;
  }
  links.forEach(([term, rank], i) => {
    if (i) parent.appendChild(document.createTextNode(", "));
    const t = data.terms[term];
    parent.appendChild(document.createTextNode(t.label + " "));
    add(parent, "span", TIER_NAMES[rank], "tier");
    if (t.special) { parent.appendChild(document.createTextNode(" ")); add(parent, "span", "special", "flag"); }
    if (t.criminal) { parent.appendChild(document.createTextNode(" ")); add(parent, "span", "criminal", "flag"); }
  });
}

function describeFlow(parent, flow) {
  const item = add(parent, "article", undefined, "flow");
  item.dataset.flow = flow.id;
  add(item, "h3", `${labelOf(flow.source)} → ${labelOf(flow.target)}`);
  const how = flow.kind === "share" ? "Disclosure" : `Received (${flow.kind})`;
  add(item, "p", [how, flow.rule, flow.conditions].filter(Boolean).join(" · "), "meta");
  add(item, "p", `Notice: ${flow.noticeTitle} (${flow.councils.map(labelOf).join(", ")})`, "meta");
  linkList(add(item, "p", "Data: "), flow, "category", "no category at this support");
  linkList(add(item, "p", "Gateway: "), flow, "gateway", "none at this support");
  if (flow.onwardFrom) add(item, "p", `Onward from: ${flow.onwardFrom}`, "meta");
  flow.quote.split(" | ").filter(Boolean).forEach(q => add(item, "blockquote", q, "quote"));
  add(item, "p", flow.lines ? `Source lines ${flow.lines}` : "Source lines not verified (no source text at build)", "meta");
}

function renderPanel(flows) {
  const panel = $("panel"); panel.replaceChildren();
  if (chosenLine) {
    add(panel, "h2", chosenLine.title);
    add(panel, "p", `${plural(flows.length, "flow")} with the filters applied`);
    flows.forEach(flow => describeFlow(panel, flow));
    return;
  }
  if (!selected) {
    add(panel, "h2", "Select a body");
    add(panel, "p", "Click a council or a kind of body on the map (or find it by name) to list its flows, with the notice's words.");
    return;
  }
  add(panel, "h2", labelOf(selected));
  const home = homes.get(selected);
  if (home) {
    if (home.definition) add(panel, "p", home.definition, "meta");
    const toggle = add(panel, "button", expanded.has(selected) ? "Close this box" : "Open this box to show its bodies");
    toggle.type = "button";
    toggle.addEventListener("click", () => select(selected, { toggle: true }));
    if (home.side === "council") {  // a joint notice's flows are drawn where its bodies are, not in every publisher's box
      const elsewhere = visibleFlows().filter(f => f.councils.includes(home.iri) && !involves(f, selected)).length;
      if (elsewhere) add(panel, "p", `${plural(elsewhere, "more flow")} of this council's notices run between other bodies `
        + "(a joint service such as a bi-borough team sits in one council's box): choose this council in the Council filter to see them all.", "meta");
    }
  } else {
    add(panel, "p", `${bodies.get(selected).type} · in ${labelOf(bodies.get(selected).home)}`, "meta");
  }
  add(panel, "p", `${plural(flows.length, "flow")} with the filters applied`);
  flows.forEach(flow => describeFlow(panel, flow));
}

// ---- the table view ------------------------------------------------------------------------
const COLUMNS = [
  ["From", f => labelOf(f.source)], ["To", f => labelOf(f.target)],
  ["Direction", f => f.kind === "share" ? "disclosed" : `received (${f.kind})`],
  ["Council", f => f.councils.map(labelOf).join(", ")], ["Notice", f => f.noticeTitle],
  ["Data categories (support)", null], ["Gateways (support)", null], ["Words of the notice (source lines)", null]
];
let sortColumn = 0, sortAscending = true;
const headRow = document.querySelector("#flows-table thead tr");
COLUMNS.forEach(([name, key], i) => {
  const th = add(headRow, "th"); th.scope = "col";
  if (!key) { th.textContent = name; return; }
  const button = add(th, "button", name); button.type = "button";
  button.addEventListener("click", () => { sortAscending = sortColumn === i ? !sortAscending : true; sortColumn = i; renderTable(visibleFlows()); });
});

// a long quote is folded to its first words and its lines, and opens in place (a native, keyboard-operable control)
function quoteCell(cell, flow) {
  const lines = flow.lines ? `lines ${flow.lines}` : "lines not verified";
  if (flow.quote.length <= 90) { cell.textContent = `${flow.quote} (${lines})`; return; }
  const details = add(cell, "details");
  add(details, "summary", `${flow.quote.slice(0, 80)}… (${lines})`);
  add(details, "p", flow.quote);
}

function renderTable(flows) {
  const [, key] = COLUMNS[sortColumn];
  const rows = [...flows].sort((a, b) => (sortAscending ? 1 : -1) * key(a).localeCompare(key(b)) || a.id.localeCompare(b.id));
  headRow.querySelectorAll("th").forEach((th, i) => {
    if (COLUMNS[i][1]) th.setAttribute("aria-sort", i === sortColumn ? (sortAscending ? "ascending" : "descending") : "none");
  });
  $("table-caption").textContent = `${flows.length} flows shown, sorted by ${COLUMNS[sortColumn][0].toLowerCase()}`
    + ` (${sortAscending ? "A to Z" : "Z to A"}); select a column heading to sort`;
  const body = document.querySelector("#flows-table tbody"); body.replaceChildren();
  for (const flow of rows) {
    const tr = add(body, "tr"); tr.dataset.flow = flow.id;
    COLUMNS.slice(0, 5).forEach(([, value], i) => add(tr, i === 0 ? "th" : "td", value(flow)).setAttribute("scope", i === 0 ? "row" : ""));
    linkList(add(tr, "td"), flow, "category", "none at this support");
    linkList(add(tr, "td"), flow, "gateway", "none at this support");
    quoteCell(add(tr, "td"), flow);
  }
}

function showView(table) {
  $("tab-map").setAttribute("aria-selected", String(!table)); $("tab-table").setAttribute("aria-selected", String(table));
  $("tab-map").tabIndex = table ? -1 : 0; $("tab-table").tabIndex = table ? 0 : -1;
  $("map").hidden = table; $("table-view").hidden = !table;
  document.body.dataset.view = table ? "table" : "map";
  if (!table) { cy.resize(); cy.fit(cy.elements(), 24); }
}
$("tab-map").addEventListener("click", () => showView(false));
$("tab-table").addEventListener("click", () => showView(true));
document.querySelector(".tabs").addEventListener("keydown", event => {
  if (["ArrowLeft", "ArrowRight"].includes(event.key)) { const table = $("tab-map").getAttribute("aria-selected") === "true"; showView(table); $(table ? "tab-table" : "tab-map").focus(); }
});

// ---- search and legend ---------------------------------------------------------------------
function matches(text) {
  const wanted = text.trim().toLocaleLowerCase();
  if (!wanted) return [];
  const all = [...[...homes.values()].map(h => ({ id: h.id, label: h.label })), ...data.bodies];
  return all.filter(b => b.label.toLocaleLowerCase().includes(wanted)).slice(0, 12);
}

function renderSearch() {
  const list = $("search-results"); list.replaceChildren();
  for (const found of matches($("search").value)) {
    const button = add(add(list, "li"), "button", found.label); button.type = "button"; button.dataset.id = found.id;
    button.addEventListener("click", () => select(found.id));
  }
  document.body.dataset.searchResults = String(list.children.length);
}
$("search").addEventListener("input", renderSearch);
$("search").addEventListener("keydown", event => {
  if (event.key !== "Enter") return;
  const first = matches($("search").value)[0];
  if (first) select(first.id);
});

const SVG = "http://www.w3.org/2000/svg";
function regular(sides, turn) {
  return Array.from({ length: sides }, (_, i) => {
    const angle = turn + (2 * Math.PI * i) / sides;
    return [Math.cos(angle), Math.sin(angle)];
  });
}
const star = Array.from({ length: 10 }, (_, i) => {
  const angle = -Math.PI / 2 + (Math.PI * i) / 5, r = i % 2 ? 0.45 : 1;
  return [r * Math.cos(angle), r * Math.sin(angle)];
});
// the legend's icons: the same outlines cytoscape draws for each node shape
const OUTLINES = {
  triangle: [[0, -1], [1, 1], [-1, 1]], "round-triangle": [[0, -1], [1, 1], [-1, 1]],
  diamond: [[0, -1], [1, 0], [0, 1], [-1, 0]], star, pentagon: regular(5, -Math.PI / 2),
  rectangle: [[-1, -1], [1, -1], [1, 1], [-1, 1]], hexagon: [[-1, 0], [-0.5, -1], [0.5, -1], [1, 0], [0.5, 1], [-0.5, 1]],
  octagon: regular(8, Math.PI / 8), tag: [[-1, -1], [0.25, -1], [1, 0], [0.25, 1], [-1, 1]],
  vee: [[-1, -1], [0, -0.333], [1, -1], [0, 1]], rhomboid: [[-1, -1], [0.333, -1], [1, 1], [-0.333, 1]]
};
function shapeIcon(colour, shape) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", "18"); svg.setAttribute("height", "18"); svg.setAttribute("viewBox", "-1.2 -1.2 2.4 2.4");
  svg.setAttribute("aria-hidden", "true");
  let mark;
  if (OUTLINES[shape]) {
    mark = document.createElementNS(SVG, "polygon");
    mark.setAttribute("points", OUTLINES[shape].map(p => p.join(",")).join(" "));
    if (shape.startsWith("round-")) { mark.setAttribute("stroke", colour); mark.setAttribute("stroke-width", "0.3"); mark.setAttribute("stroke-linejoin", "round"); }
  } else {
    mark = document.createElementNS(SVG, "rect");
    const radius = { ellipse: "1", barrel: "0.45", "round-rectangle": "0.35" }[shape] || "0";
    for (const [name, value] of [["x", "-1"], ["y", "-1"], ["width", "2"], ["height", "2"], ["rx", radius], ["ry", shape === "barrel" ? "1" : radius]]) mark.setAttribute(name, value);
  }
  mark.setAttribute("fill", colour);
  svg.appendChild(mark);
  return svg;
}

for (const [id, home] of homes) {
  if (!data.flows.some(flow => involves(flow, id))) continue;  // a kind this export has no flow with
  const li = add($("legend"), "li");
  const button = add(li, "button"); button.type = "button";
  button.append(shapeIcon(home.colour, home.shape), document.createTextNode(`${home.label} (${home.shapeName})`));
  button.addEventListener("click", () => select(id));
}

// ---- start ---------------------------------------------------------------------------------
FILTERS.forEach(id => $(id).addEventListener("change", () => { if (selected && !visibleFlows().some(f => involves(f, selected))) selected = null; draw(); }));
$("reset").addEventListener("click", () => {
  FILTERS.forEach(id => { $(id).value = id === "tier" ? "2" : ""; });
  if (data.exportedCouncil) $("council").value = data.exportedCouncil;
  selected = null; chosenLine = null; expanded.clear(); draw();
});
const wanted = new URLSearchParams(window.location.hash.slice(1));
if (data.exportedCouncil) {  // a council's own map opens its box: which of its services share with which kinds of body
  $("council").value = data.exportedCouncil;
  expanded.add(BOX + data.exportedCouncil);
}
// a link's filter is applied only when the menu has that choice (a blank menu would show every flow
// as if filtered); what the export was limited to, and any filter of the link not applied, stay in sight
const unknown = FILTERS.filter(id => wanted.has(id) && ![...$(id).options].some(o => o.value === wanted.get(id)));
for (const id of FILTERS) if (wanted.has(id) && !unknown.includes(id)) $(id).value = wanted.get(id);
$("view-hint").textContent = [data.exportedFor,
  unknown.length ? `The link's ${unknown.join(" and ")} filter names nothing on this map: not applied` : ""].filter(Boolean).join(". ");
if (wanted.has("open")) wanted.get("open").split(" ").forEach(id => expanded.add(BOX + id));
draw();
if (wanted.has("search")) { $("search").value = wanted.get("search"); renderSearch(); }
if (wanted.has("select")) select(wanted.get("select"));
if (wanted.get("view") === "table") showView(true);
document.body.dataset.ready = "yes";
