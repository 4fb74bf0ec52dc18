"""Which council's notices a vocabulary label came from (for leave-one-council-out evaluation).

The vocabularies record where a wording came from in two ways, and this module reads both:

* a Turtle comment on the label's line (or on the concept's first line) naming the seed notice and
  line, "# 001 line 83" or "# 000 line 43; 004 lines 229-231" (``legislation.ttl`` and
  ``organisations.ttl`` do this); the seed number is the ``file`` of a ``data/sources`` record,
  and the council is the ``data/notices/<council>/`` folder whose encodings cite that source;
* the curated encodings themselves: a label of concept C is evidenced by a council when one of
  that council's notices links a node to C and the node's quoted words (``oa:exact``) contain the
  label (the other vocabularies carry no comments, so this is their only record); and a concept
  that only one council's notices link to at all was made for that council's notices.

A label with neither kind of evidence (a preferred label written for the scheme, a DPV term's
hidden label) is general and is never excluded; so is a label whose line comment, or whose
statement's first-line comment, says "general:" (``general_labels``): knowledge written from
general sources (an official name, the common names of a kind of body), not from a council's
notice, even where a council's notice happens to use the same words. ``label_evidence(root)`` returns, for each
(concept, normalised label), the set of councils that evidence it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from ..errors import InputError
from ..resources import notice_files, source_records_dir, vocab_files

_PREFIX = re.compile(r"@prefix\s+([\w-]*):\s*<([^>]+)>")
_SUBJECT = re.compile(r"^(<[^>]+>|[\w-]*:[\w\-./\\]*)\s+(?:a\s|skos:)")
_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"@en')
_SEED_COMMENT = re.compile(r"#.*?\b(\d{3})\s+lines?\b")
_SEEDS_IN_COMMENT = re.compile(r"\b(\d{3})\s+lines?\b")
_GENERAL = re.compile(r"\bgeneral:")
_NOTICE_SOURCE = re.compile(r"oa:hasSource\s+src:([\w-]+)")


def seed_councils(root: Path) -> dict[str, str]:
    """Seed number ("001") -> council folder under ``data/notices`` ("barking-and-dagenham")."""
    council_of_source: dict[str, str] = {}
    for path in notice_files(root):
        for source in _NOTICE_SOURCE.findall(path.read_text(encoding="utf-8")):
            council_of_source[source] = path.parent.name
    seeds = {}
    for record_path in sorted(source_records_dir(root).glob("*.json")):
        record = json.loads(record_path.read_text(encoding="utf-8"))
        if record.get("id") in council_of_source and record.get("file"):
            seeds[record["file"][:3]] = council_of_source[record["id"]]
    return seeds


def council_names(root: Path) -> dict[str, str]:
    """Every way to name a council folder: its folder name and its source records' council name."""
    names = {}
    council_of_source = {}
    for path in notice_files(root):
        names[path.parent.name.lower()] = path.parent.name
        for source in _NOTICE_SOURCE.findall(path.read_text(encoding="utf-8")):
            council_of_source[source] = path.parent.name
    for record_path in sorted(source_records_dir(root).glob("*.json")):
        record = json.loads(record_path.read_text(encoding="utf-8"))
        if record.get("id") in council_of_source and record.get("council"):
            names[record["council"].lower()] = council_of_source[record["id"]]
    return names


def council_folder(root: Path, council: str) -> str:
    """The ``data/notices`` folder of a council named by folder or by its source records' name."""
    names = council_names(root)
    folder = names.get(council.lower())
    if folder is None:
        raise InputError(f"unknown council {council!r}: expected one of {', '.join(sorted(set(names.values())))}")
    return folder


def comment_evidence(root: Path) -> dict[tuple[str, str], set[str]]:
    """(concept IRI, label as written) -> councils named by the vocabularies' line comments."""
    seeds = seed_councils(root)
    evidence: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in vocab_files(root):
        prefixes: dict[str, str] = {}
        subject = None
        subject_seeds: set[str] = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            if declared := _PREFIX.match(line):
                prefixes[declared[1]] = declared[2]
                continue
            if started := _SUBJECT.match(line):
                subject = _expand(started[1], prefixes)
                comment = line.split("#", 1)[1] if "#" in line else ""
                subject_seeds = set(_SEEDS_IN_COMMENT.findall(comment)) if _SEED_COMMENT.search(line) else set()
            if subject is None or "Label" not in line and not line.lstrip().startswith('"'):
                continue
            code, _, comment = line.partition(" # ")
            named = set(_SEEDS_IN_COMMENT.findall(comment)) or subject_seeds
            for label in _LITERAL.findall(code):
                evidence[(subject, label)].update(seeds[seed] for seed in named if seed in seeds)
    return evidence


def general_labels(root: Path) -> set[tuple[str, str]]:
    """(concept IRI, label as written) of every label the vocabularies mark "# general: <where from>".

    The mark is on the label's line or on its statement's first line; a concept with a general
    label is itself general knowledge, so its preferred label (the scheme's own name) is general too.
    """
    general: set[tuple[str, str]] = set()
    preferred: dict[str, list[str]] = defaultdict(list)
    for path in vocab_files(root):
        prefixes: dict[str, str] = {}
        subject, statement_general = None, False
        for line in path.read_text(encoding="utf-8").splitlines():
            if declared := _PREFIX.match(line):
                prefixes[declared[1]] = declared[2]
                continue
            code, _, comment = line.partition(" # ")
            if started := _SUBJECT.match(line):
                subject, statement_general = _expand(started[1], prefixes), _GENERAL.search(comment) is not None
            if subject is not None and "skos:prefLabel" in code:
                preferred[subject] += _LITERAL.findall(code)
            if subject is not None and (statement_general or _GENERAL.search(comment)):
                general.update((subject, label) for label in _LITERAL.findall(code))
            if code.rstrip().endswith(" ."):
                subject, statement_general = None, False
    return general | {(concept, label) for concept, _ in general for label in preferred[concept]}


def _expand(term: str, prefixes: dict[str, str]) -> str:
    if term.startswith("<"):
        return term[1:-1]
    prefix, _, local = term.partition(":")
    return prefixes.get(prefix, prefix + ":") + local.replace("\\", "")


def notice_evidence(root: Path, labels: dict[str, set[str]], normalise, concepts: set[str] = frozenset()):
    """What the curated notices say of the vocabularies, council by council.

    Returns ``(evidence, users)``: (concept IRI, normalised label) -> councils whose quoted words
    for a link to the concept contain the label; and, for each of ``concepts``, the councils whose
    notices link to it at all. ``labels`` maps a concept IRI to its normalised labels;
    ``normalise`` is the gazetteer's.
    """
    from rdflib import Graph, URIRef
    from rdflib.namespace import PROV

    from ..namespaces import OA

    evidence: dict[tuple[str, str], set[str]] = defaultdict(set)
    users: dict[str, set[str]] = defaultdict(set)
    for path in notice_files(root):
        graph = Graph().parse(path, format="turtle")
        council = path.parent.name
        for concept in set(graph.objects()):
            if str(concept) in concepts:
                users[str(concept)].add(council)
        for node, target in graph.subject_objects(PROV.wasDerivedFrom):
            quotes = [normalise(str(exact)) for selector in graph.objects(target, OA.hasSelector)
                      for exact in graph.objects(selector, OA.exact)]
            for concept in set(graph.objects(node, None)):
                if not isinstance(concept, URIRef) or str(concept) not in labels:
                    continue
                for label in labels[str(concept)]:
                    if any(_contains(quote, label) for quote in quotes):
                        evidence[(str(concept), label)].add(council)
    return evidence, users


def _contains(quote: str, label: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(label) + r"(?!\w)", quote) is not None


def read_vocabularies(root: Path, scheme_of_file: dict[str, str], normalise):
    """Labels by scheme, altLabels by concept, council services' councils, and councils' names and codes.

    Returns ``(entries, wordings, units, councils, bodies)``: scheme -> [(label, concept)]; concept
    IRI -> its normalised altLabels (the notices' wording); service -> the council it is
    ``org:unitOf``; normalised council name or GSS code -> council IRI; the named bodies (every
    concept of ``organisations.ttl``: individuals, not kinds of body).
    """
    from rdflib import Graph, URIRef
    from rdflib.namespace import DCTERMS, SKOS

    from ..namespaces import ORG

    entries: dict[str, list[tuple[str, URIRef]]] = {}
    wordings: dict[str, set[str]] = {}
    units: dict[URIRef, URIRef] = {}
    councils: dict[str, URIRef] = {}
    bodies: set[URIRef] = set()
    for path in vocab_files(root):
        scheme = scheme_of_file.get(path.stem)
        if scheme is None:
            continue
        graph = Graph().parse(path, format="turtle")
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for concept, label in graph.subject_objects(predicate):
                if isinstance(concept, URIRef) and not str(concept).endswith("/scheme/" + path.stem):
                    entries.setdefault(scheme, []).append((str(label), concept))
                    if predicate == SKOS.altLabel:
                        wordings.setdefault(str(concept), set()).add(normalise(str(label)))
                    if path.stem == "organisations":
                        bodies.add(concept)
        for unit, council in graph.subject_objects(ORG.unitOf):
            units[unit] = council
        for council, code in graph.subject_objects(DCTERMS.identifier):
            councils[normalise(str(code))] = council
            for predicate in (SKOS.prefLabel, SKOS.altLabel):
                for label in graph.objects(council, predicate):
                    councils[normalise(str(label))] = council
    return entries, wordings, units, councils, bodies
