"""TriG, Turtle and JSON-LD written the same way every time: sorted, every literal escaped.

Subjects, predicates, objects and graphs are sorted. A blank node used once, as the object of
one triple, is written inside that triple (``[ ... ]`` or a ``( ... )`` list, a nested object in
JSON-LD); any other is labelled from what surrounds it (colour refinement over the graph), so
the labels do not depend on the order a parser met the nodes. Every literal is written on one
line with its escapes: rdflib's long-string form breaks strict parsers on some literals.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from ..namespaces import PREFIXES

_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_GENERATED = re.compile(r"(?:ns|default)[0-9]+")  # names rdflib makes up for clashing bindings
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_UNSAFE = re.compile(r'[\\"\x00-\x1f\x7f]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_TYPE, _FIRST, _REST, _NIL = RDF.type, RDF.first, RDF.rest, RDF.nil  # a Namespace attribute costs a lookup each use
_encode_string = json.encoder.encode_basestring  # what json.dumps(text, ensure_ascii=False) writes
_BARE = {XSD.integer: re.compile(r"[+-]?[0-9]+"), XSD.boolean: re.compile(r"true|false")}


class _Names:
    """Prefixes: the project's, then those the sources bound; only the ones used are declared."""

    def __init__(self, bound):
        table = {str(ns): prefix for prefix, ns in sorted(PREFIXES.items())}
        for prefix, ns in sorted((str(p), str(n)) for p, n in bound):
            if (_PREFIX.fullmatch(prefix) and not _GENERATED.fullmatch(prefix) and ns.endswith(("/", "#"))
                    and ns not in table and prefix not in table.values()):
                table[ns] = prefix
        self.namespaces = sorted(table.items(), key=lambda item: (-len(item[0]), item[0]))
        self.used: dict[str, str] = {}
        self._written: dict[str, str] = {}  # each IRI is written the same way every time: once is enough
        self._compacted: dict[str, str] = {}

    def _split(self, iri: str, local: re.Pattern | None) -> tuple[str, str] | None:
        for namespace, prefix in self.namespaces:
            rest = iri[len(namespace):]
            if iri.startswith(namespace) and (local.fullmatch(rest) if local else rest and not rest.startswith("//")):
                self.used[prefix] = namespace
                return prefix, rest
        return None

    def iri(self, iri: Node) -> str:
        """An IRI in Turtle: a prefixed name when one needs no escapes, else ``<...>``."""
        text = str(iri)
        if text not in self._written:
            short = self._split(text, _LOCAL)
            self._written[text] = (f"{short[0]}:{short[1]}" if short
                                   else "<" + _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", text) + ">")
        return self._written[text]

    def compact(self, iri: Node) -> str:
        """An IRI in JSON-LD: ``prefix:local`` when a prefix holds it, else the IRI."""
        text = str(iri)
        if text not in self._compacted:
            short = self._split(text, None)
            self._compacted[text] = f"{short[0]}:{short[1]}" if short else text
        return self._compacted[text]

    def literal(self, literal: Literal) -> str:
        """A literal in Turtle, on one line: integers and booleans bare, others quoted and escaped."""
        lexical = str(literal)
        if literal.language:
            return f"{_string(lexical)}@{literal.language}"
        if literal.datatype is None:
            return _string(lexical)
        if literal.datatype in _BARE and _BARE[literal.datatype].fullmatch(lexical):
            return lexical
        return f"{_string(lexical)}^^{self.iri(literal.datatype)}"

    def declarations(self) -> str:
        """``@prefix`` lines for the prefixes used, in order."""
        return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(self.used.items()))


def _string(text: str) -> str:
    return '"' + _STRING_UNSAFE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text) + '"'


class _Shape:
    """One graph's triples by subject, which blank nodes are written nested, and the others' labels."""

    def __init__(self, triples: list[tuple[Node, Node, Node]], names: _Names, scope: str = ""):
        self.names = names
        out, uses, blank_subjects = defaultdict(list), Counter(), set()
        for s, p, o in triples:
            out[s].append((p, o))
            if isinstance(o, BNode):
                uses[o] += 1
            if isinstance(s, BNode):
                blank_subjects.add(s)
        self.out: dict[Node, list[tuple[Node, Node]]] = dict(out)
        once = {node for node, count in uses.items() if count == 1 and node in self.out}
        # nested only when reached from a written subject: a cycle of blank nodes is labelled
        self.nested: set[Node] = set()
        stack = [s for s in self.out if s not in once]
        while stack:
            for _, o in self.out[stack.pop()]:
                if o in once and o not in self.nested:
                    self.nested.add(o)
                    stack.append(o)
        self.labels = blank_node_labels(triples, scope) if any(n not in self.nested for n in (*uses, *blank_subjects)) else {}

    def subjects(self) -> list[Node]:
        """The subjects written at the top level, IRIs first, in order."""
        return sorted((s for s in self.out if s not in self.nested),
                      key=lambda s: (isinstance(s, BNode), self.term(s)))

    def term(self, node: Node) -> str:
        """A node as Turtle/TriG."""
        if isinstance(node, URIRef):
            return self.names.iri(node)
        if isinstance(node, Literal):
            return self.names.literal(node)
        if node in self.nested:
            items = self._collection(node)
            if items is not None:
                return "( " + " ".join(self.term(item) for item in items) + " )"
            return "[ " + self.predicates(node, " ; ") + " ]"
        return f"_:{self.labels[node]}"

    def predicates(self, subject: Node, separator: str) -> str:
        """The predicate-object list of ``subject``, ``rdf:type`` first, then sorted."""
        grouped = defaultdict(list)
        for p, o in self.out[subject]:
            grouped[p].append(self.term(o))
        order = sorted(grouped, key=lambda p: (p != _TYPE, self.names.iri(p)))
        return separator.join(f"{'a' if p == _TYPE else self.names.iri(p)} {', '.join(sorted(grouped[p]))}"
                              for p in order)

    def _collection(self, node: Node) -> list[Node] | None:
        """The members of an RDF list that starts at ``node``, when all of it can be written nested."""
        items = []
        while node != _NIL:
            pairs = dict(self.out.get(node, ()))
            if node not in self.nested or len(self.out[node]) != 2 or set(pairs) != {_FIRST, _REST}:
                return None
            items.append(pairs[_FIRST])
            node = pairs[_REST]
        return items

    def node_object(self, subject: Node) -> dict:
        """``subject`` as a JSON-LD node object (nested blank nodes inside it)."""
        found = {} if subject in self.nested else {"@id": self._json_id(subject)}
        types, grouped = [], defaultdict(list)
        for p, o in self.out[subject]:
            if p == _TYPE and isinstance(o, URIRef):
                types.append(self.names.compact(o))
            else:
                grouped[self.names.compact(p)].append(self._json_value(o))
        if types:
            found["@type"] = sorted(types) if len(types) > 1 else types[0]
        for key in sorted(grouped):
            values = sorted(grouped[key], key=_json_text)
            found[key] = values if len(values) > 1 else values[0]
        return found

    def _json_id(self, node: Node) -> str:
        return f"_:{self.labels[node]}" if isinstance(node, BNode) else self.names.compact(node)

    def _json_value(self, node: Node) -> dict | str | int | bool:
        """A value in compacted JSON-LD: a plain string, a canonical integer or boolean as JSON's own."""
        if isinstance(node, Literal):
            lexical = str(node)
            if node.language is None and node.datatype is None:
                return lexical
            if node.datatype == XSD.boolean and lexical in ("true", "false"):
                return lexical == "true"
            if node.datatype == XSD.integer and _BARE[XSD.integer].fullmatch(lexical) and str(int(lexical)) == lexical:
                return int(lexical)
            value = {"@value": lexical}
            if node.language:
                value["@language"] = node.language
            elif node.datatype is not None:
                value["@type"] = self.names.compact(node.datatype)
            return value
        if node in self.nested:
            return self.node_object(node)
        return {"@id": self._json_id(node)}


def _json_text(value) -> str:
    """``json.dumps(value, sort_keys=True, ensure_ascii=False)``, the order values are written in, without
    the encoder's set-up for the two shapes most values have (a string, a node reference)."""
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("@id"), str):
        return '{"@id": ' + _encode_string(value["@id"]) + "}"
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def blank_node_labels(triples: list[tuple[Node, Node, Node]], scope: str) -> dict[Node, str]:
    """A label for every blank node from what surrounds it (colour refinement until stable).

    Nodes that refinement cannot tell apart are alike in everything around them, so which of
    them takes which label does not change what is written. ``scope`` (the graph's name) keeps
    alike nodes of two graphs apart: a label is shared by the whole TriG or JSON-LD document.
    """
    colour = {n: scope for t in triples for n in (t[0], t[2]) if isinstance(n, BNode)}
    classes = 1
    while True:
        around = defaultdict(list)
        for s, p, o in triples:
            if isinstance(s, BNode):
                around[s].append(("out", str(p), colour.get(o) if isinstance(o, BNode) else o.n3()))
            if isinstance(o, BNode):
                around[o].append(("in", str(p), colour.get(s) if isinstance(s, BNode) else s.n3()))
        colour = {n: hashlib.sha256(repr((colour[n], sorted(around[n]))).encode()).hexdigest() for n in colour}
        if len(set(colour.values())) == classes:
            break
        classes = len(set(colour.values()))
    labels, seen = {}, Counter()
    for node in sorted(colour, key=lambda n: colour[n]):
        seen[colour[node]] += 1
        labels[node] = f"b{colour[node][:16]}" + (f"_{seen[colour[node]]}" if seen[colour[node]] > 1 else "")
    return labels


def _graphs(dataset) -> list[tuple[Node, list[tuple[Node, Node, Node]]]]:
    """The non-empty graphs' triples, the default graph first, then by name.

    ``dataset`` is an rdflib Dataset, or a compiled store's view (whose ``graph_triples`` reads the
    store directly, with no rdflib Dataset loaded in between).
    """
    graphs = (dataset.graph_triples().items() if hasattr(dataset, "graph_triples")
              else ((g.identifier, list(g)) for g in dataset.graphs()))
    return sorted(((name, triples) for name, triples in graphs if triples),
                  key=lambda item: (item[0] != DATASET_DEFAULT_GRAPH_ID, str(item[0])))


def _statements(shape: _Shape, indent: str) -> str:
    return "\n\n".join(f"{indent}{shape.term(s)} {shape.predicates(s, f' ;{chr(10)}{indent}    ')} ."
                       for s in shape.subjects())


def turtle(graph: Graph) -> str:
    """One graph as Turtle."""
    names = _Names(graph.namespaces())
    body = _statements(_Shape(list(graph), names), "")
    return f"{names.declarations()}\n{body}\n"


def trig(dataset: Dataset) -> str:
    """Every graph of the dataset as TriG (the default graph's triples outside any block)."""
    names, parts = _Names(dataset.namespaces()), []
    for name, triples in _graphs(dataset):
        if name == DATASET_DEFAULT_GRAPH_ID:
            parts.append(_statements(_Shape(triples, names), "") + "\n")
        else:
            parts.append(f"{names.iri(name)} {{\n{_statements(_Shape(triples, names, str(name)), '    ')}\n}}\n")
    return "\n".join([names.declarations(), *parts])


def jsonld(dataset: Dataset) -> str:
    """The dataset as compacted JSON-LD: a ``@context`` of the project's prefixes (and any other used),
    one ``@graph`` object per named graph, single values unwrapped, keys and values sorted."""
    names, entries = _Names(dataset.namespaces()), []
    for name, triples in _graphs(dataset):
        shape = _Shape(triples, names, str(name))
        nodes = [shape.node_object(s) for s in shape.subjects()]
        entries += nodes if name == DATASET_DEFAULT_GRAPH_ID else [{"@id": names.compact(name), "@graph": nodes}]
    context = {**{prefix: str(ns) for prefix, ns in PREFIXES.items()}, **names.used}
    document = {"@context": dict(sorted(context.items())), "@graph": entries}
    return json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
