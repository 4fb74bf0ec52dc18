"""The query workbench: its page (inlined, offline) and the small JSON answers it asks for.

The page is assembled from ``assets/``: markup, style and scripts, and the SPARQL editor bundle
(CodeMirror 6 with its SPARQL mode) that ``make`` builds with esbuild into ``node_modules``. With
no bundle the page falls back to a plain text area. Everything is inlined: the page loads nothing
but its own server's JSON. The JSON answers (library, parameter values, labels, an entity's
neighbourhood) read the store by triple pattern, so no user text ever meets query text.
"""

from __future__ import annotations

import json
import re
from importlib import resources as package_resources

import pyoxigraph as ox

from .. import resources
from ..errors import InputError
from ..namespaces import PREFIXES
from ..query.library import DOMAIN_TYPES, QueryLibrary
from ..query.resolve import Resolver

#: Where ``make`` (``npm run build``) writes the editor bundle; never committed.
EDITOR_BUNDLE = ("node_modules", ".sharinggraph", "sparql-editor.js")
#: Triples shown per direction in an entity's neighbourhood.
NEIGHBOURHOOD_LIMIT = 400
#: IRIs labelled per request.
LABELS_LIMIT = 2000
_LABEL_PROPERTIES = [
    ox.NamedNode(str(iri))
    for iri in (PREFIXES["skos"].prefLabel, PREFIXES["rdfs"].label, PREFIXES["dct"].title, PREFIXES["skos"].altLabel)
]
_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


def _asset(name: str) -> str:
    return package_resources.files("sharinggraph.serve").joinpath("assets", name).read_text(encoding="utf-8")


def _editor_bundle() -> str:
    path = resources.project_root().joinpath(*EDITOR_BUNDLE)
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _in_script(text: str) -> str:
    """Script text that cannot end its script element early."""
    return _SCRIPT_END.sub(r"<\\/\1", text)


def page() -> bytes:
    """The workbench page with its style, scripts and editor inlined."""
    scripts = "\n".join(_in_script(_asset(name)) for name in ("results.js", "neighbourhood.js", "workbench.js"))
    html = _asset("workbench.html")
    html = html.replace("/*STYLE*/", _asset("workbench.css"))
    html = html.replace("/*EDITOR*/", _in_script(_editor_bundle()))
    return html.replace("/*SCRIPTS*/", scripts).encode("utf-8")


def library_json(library: QueryLibrary) -> list[dict]:
    """The library as the workbench shows it: ids, summaries, parameters and query text."""
    return [
        {
            "id": spec.id,
            "group": spec.group,
            "summary": spec.summary,
            "description": spec.description,
            "kind": spec.kind,
            "tags": list(spec.tags),
            "text": spec.text,
            "example": {k: str(v) for k, v in spec.example.items()},
            "params": {
                name: {"type": p.type, "description": p.description, "required": p.required,
                       "default": None if p.default is None else str(p.default),
                       "values": [str(v) for v in p.values]}
                for name, p in spec.params.items()
            },
        }
        for spec in library.list()
    ]


def prefixes_json() -> dict[str, str]:
    """The project's prefixes, which the editor offers and inserts."""
    return {name: str(namespace) for name, namespace in PREFIXES.items()}


def values_json(resolver: Resolver, kind: str) -> list[dict]:
    """Every value a parameter of ``kind`` accepts, for autocomplete.

    :raises InputError: ``kind`` is not a vocabulary-backed parameter type.
    """
    if kind not in DOMAIN_TYPES:
        raise InputError(f"no values for parameter type {kind!r} (types with values: {', '.join(DOMAIN_TYPES)})")
    return [{"iri": str(iri), "label": label, "names": names} for iri, label, names in resolver.values(kind)]


def _node(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise InputError(f"{iri[:200]!r} is not an IRI") from exc


def _label(store: ox.Store, term) -> str | None:
    if not isinstance(term, (ox.NamedNode, ox.BlankNode)):
        return None
    for prop in _LABEL_PROPERTIES:
        found = [q.object.value for q in store.quads_for_pattern(term, prop, None) if isinstance(q.object, ox.Literal)]
        if found:
            return min(found)
    return None


def labels_json(store: ox.Store, iris: list) -> dict[str, str]:
    """Readable labels of the IRIs that have one.

    :raises InputError: not a list of at most LABELS_LIMIT IRIs.
    """
    if not isinstance(iris, list) or len(iris) > LABELS_LIMIT or not all(isinstance(i, str) for i in iris):
        raise InputError(f"send a JSON list of at most {LABELS_LIMIT} IRIs")
    labels = {iri: _label(store, _node(iri)) for iri in dict.fromkeys(iris)}
    return {iri: label for iri, label in labels.items() if label is not None}


def _term_json(store: ox.Store, term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value, "label": _label(store, term)}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value, "label": _label(store, term)}
    if isinstance(term, ox.Literal):
        return {"type": "literal", "value": term.value}
    return {"type": "literal", "value": str(term)}


def neighbourhood_json(store: ox.Store, iri: str) -> dict:
    """An entity's triples both ways, with labels: what DESCRIBE would give, readable.

    :raises InputError: ``iri`` is not an IRI.
    """
    node = _node(iri)
    triples: dict[str, list] = {"outgoing": [], "incoming": []}
    seen: set = set()
    for direction, pattern in (("outgoing", (node, None, None)), ("incoming", (None, None, node))):
        for quad in store.quads_for_pattern(*pattern):
            other = quad.object if direction == "outgoing" else quad.subject
            key = (direction, quad.predicate, other)
            if key in seen:
                continue
            seen.add(key)
            if len(triples[direction]) == NEIGHBOURHOOD_LIMIT:
                triples[f"{direction}Truncated"] = True
                break
            triples[direction].append({"property": _term_json(store, quad.predicate), "value": _term_json(store, other)})
        triples[direction].sort(key=_reading_order)
    return {"iri": iri, "label": _label(store, node), **triples}


def _reading_order(triple: dict) -> tuple:
    """Triples grouped by property, then by value, as a reader scans them."""
    return tuple((term.get("label") or term["value"]).casefold() for term in (triple["property"], triple["value"]))


def json_body(body: bytes):
    """A request body parsed as JSON.

    :raises InputError: it is not JSON.
    """
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError("the request body is not JSON") from exc
