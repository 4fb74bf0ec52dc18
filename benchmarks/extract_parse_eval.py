"""Precision and recall of the extract recognisers on the seed notices, against the curated encodings.

Usage: PYTHONPATH=src .venv/bin/python benchmarks/extract_parse_eval.py [--sources DIR] [--show]

Scores each recogniser on its own, with the phrase boundaries the curated encodings give:

* citations: ``find_citations`` on each whole seed text (with the whole register, and again with a
  register that left out the wording only the notice's own council gave, ``exclude_council``), against every legislation IRI a curated
  node cites (``sg:hasGateway``, ``sg:citesLaw``, ``dct:references``, ``dpv:hasApplicableLaw``):
  a prediction is right when a node of that notice cites the same IRI with a quote whose span
  overlaps it; lawful bases likewise against ``dpv:hasLegalBasis`` (only the bases a citation can
  give: consent or common-law powers named in words are not citations), and the bases of the
  citations with those ``find_named_bases`` names, run on the whole text (the draft writer runs it
  on lawful-basis sections only, so its precision there is higher than this row's);
* parties and categories: each curated flow's (each category declaration's) quoted words through
  ``match_parties`` (``scheme`` "party" or "category") (split, then matched with a
  gazetteer that left the notice's council out, ``exclude_council``, for the notice's own
  controllers), against the flow's recipients and sources: a flow's party is found when one of its
  quotes gives it; a concept predicted for a quote is right when a flow quoting it has it; the
  notice's controller is never counted as a party;
* retention: ``find_retention`` on each whole seed text against every ``sg:RetentionRule``
  (period, anchor, age or end date) whose declaration's quote contains the prediction.

``--show`` lists every miss and every prediction the curation does not have, for reading: a
curated encoding is not an exhaustive list of every mention (a citation in a sentence no node
quotes counts as unmatched), so read the list before calling a prediction wrong.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from sharinggraph import resources
from sharinggraph.extract.bases import find_named_bases
from sharinggraph.extract.citations import find_citations, load_legislation
from sharinggraph.extract.gazetteer import Gazetteer
from sharinggraph.extract.parties import match_parties
from sharinggraph.extract.periods import find_retention
from sharinggraph.namespaces import DPV, LEGISLATION, OA, SG, SGID

CITING = (SG.hasGateway, SG.citesLaw, DCTERMS.references, DPV.hasApplicableLaw)
NOT_CITATIONS = {SG.ConsentAsStated, SG.CommonLawPowers}


def spans_of(graph: Graph, node) -> list[tuple[str, int, int]]:
    """(source IRI, start, end) of every quote a node is derived from."""
    spans = []
    for target in graph.objects(node, PROV.wasDerivedFrom):
        source = graph.value(target, OA.hasSource)
        for selector in graph.objects(target, OA.hasSelector):
            start, end = graph.value(selector, OA.start), graph.value(selector, OA.end)
            if start is not None:
                spans.append((str(source), int(start), int(end)))
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class Score:
    """Counts of one kind: right predictions, all predictions, gold items found, all gold items."""

    def __init__(self, kind: str):
        self.kind, self.right, self.predicted, self.found, self.gold = kind, 0, 0, 0, 0
        self.misses: list[str] = []
        self.extras: list[str] = []
        self.outside: list[str] = []  # predictions no curated quote covers: not assessed
        self.reachable: int | None = None  # gold items whose concept the left-out gazetteer still has

    def row(self) -> str:
        precision = self.right / self.predicted if self.predicted else float("nan")
        recall = self.found / self.gold if self.gold else float("nan")
        reachable = f"{self.reachable} ({self.found / self.reachable:.1%})" if self.reachable else "-"
        return (f"| {self.kind} | {self.gold} | {self.predicted} | {self.right} | {precision:.1%} | {self.found} "
                f"| {recall:.1%} | {reachable} | {len(self.outside)} |")


def score_citations(notices, texts, registers, citations: Score, bases: Score, with_named: Score | None = None) -> None:
    """``registers`` maps each source IRI to the register its citations are read with.

    ``with_named`` scores the bases of citations together with those ``find_named_bases`` names.
    """
    gold_cites: dict[str, set[tuple[str, tuple]]] = defaultdict(set)
    gold_bases: dict[str, set[tuple[str, tuple]]] = defaultdict(set)
    gold_named: dict[str, set[tuple[str, tuple]]] = defaultdict(set)   # consent and common law too
    for graph in notices:
        for predicate in CITING:
            for node, iri in graph.subject_objects(predicate):
                if str(iri).startswith(str(LEGISLATION)):
                    _add_gold(gold_cites, graph, node, str(iri))
        for node, basis in graph.subject_objects(DPV.hasLegalBasis):
            if (node, RDF.type, DPV.PersonalDataProcess) not in graph:
                _add_gold(gold_named, graph, node, str(basis))
                if basis not in NOT_CITATIONS:
                    _add_gold(gold_bases, graph, node, str(basis))
    for source, text in texts.items():
        found = find_citations(text, registers[source])
        # an Act the register does not know can match nothing curated: every one is counted
        predicted = {(str(c.provision or c.instrument) if c.known else f"unknown: {c.title}", (c.start, c.end))
                     for c in found}
        _tally(citations, source, text, predicted, gold_cites[source])
        predicted_bases = {(str(c.basis), (c.start, c.end)) for c in found if c.basis is not None}
        _tally(bases, source, text, predicted_bases, gold_bases[source])
        if with_named is not None:
            named = {(str(b.basis), (b.start, b.end)) for b in find_named_bases(text)}
            _tally(with_named, source, text, predicted_bases | named, gold_named[source])


def _add_gold(gold, graph: Graph, node, iri: str) -> None:
    """One gold item per IRI and node: found when a prediction overlaps any quote of the node."""
    by_source = defaultdict(list)
    for source, start, end in spans_of(graph, node):
        by_source[source].append((start, end))
    for source, spans in by_source.items():
        gold[source].add((iri, tuple(sorted(spans))))


def _tally(score: Score, source: str, text: str, predicted: set, gold: set) -> None:
    """Count predictions matching a gold item by IRI and overlap, and gold items found.

    A prediction outside every curated quote is not assessed (the curation does not encode every
    mention of, say, the DPA 2018): it is counted in ``score.outside`` and listed with --show.
    """
    quoted = [span for _, spans in gold for span in spans]
    for iri, span in sorted(predicted, key=lambda p: p[1]):
        where = f"{_name(source)} {_line(text, span[0])}: {text[span[0]:span[1]]!r} -> {iri}"
        if not any(overlaps(span, q) for q in quoted):
            score.outside.append(where)
            continue
        score.predicted += 1
        if any(iri == g_iri and any(overlaps(span, g) for g in spans) for g_iri, spans in gold):
            score.right += 1
        else:
            score.extras.append(where)
    for iri, spans in sorted(gold, key=lambda g: g[1]):
        score.gold += 1
        if any(iri == p_iri and any(overlaps(p_span, g) for g in spans) for p_iri, p_span in predicted):
            score.found += 1
        else:
            quote = " | ".join(text[s:e][:70] for s, e in spans)
            score.misses.append(f"{_name(source)} {_line(text, spans[0][0])}: {quote!r} -> {iri}")


def _quote_kind(quote: str) -> str:
    """"list" for a quote that is a list item or phrase (no more than 12 words), else "sentence"."""
    return "list" if len(quote.split()) <= 12 and not quote.rstrip().endswith(":") else "sentence"


def score_concepts(root, notices_by_council, texts, scores: dict[str, Score], scheme: str, predicates, nodes) -> None:
    """Score ``match_parties`` in ``scheme`` on the quotes of ``nodes(graph)``, against their ``predicates``."""
    for council, notices in notices_by_council.items():
        gazetteer = Gazetteer.from_vocab(root, exclude_council=council)
        controllers = {str(c) for graph in notices for c in graph.objects(None, DCTERMS.publisher)}
        by_span: dict[tuple[str, int, int], set[str]] = defaultdict(set)   # quote -> concepts of its nodes
        linked: set[tuple[str, tuple]] = set()                               # (concept, quotes of one node)
        for graph in notices:
            for node in nodes(graph):
                concepts = {str(c) for pred in predicates for c in graph.objects(node, pred)
                            if str(c).startswith("https://w3id.org/sharinggraph/id/")}
                spans = tuple(sorted(spans_of(graph, node)))
                for span in spans:
                    by_span[span] |= concepts
                linked |= {(concept, spans) for concept in concepts}
        got: dict[tuple[str, int, int], set[str]] = {}
        for (source, start, end), expected in sorted(by_span.items()):
            text = texts[source]
            got[(source, start, end)] = found = {
                str(m.concept) for _, _, m in match_parties(text[start:end], start, gazetteer, controllers, scheme)
                if m.concept is not None and str(m.concept) not in controllers}
            kind = scores[_quote_kind(text[start:end])]
            kind.predicted += len(found)
            kind.right += len(found & expected)
            where = f"{_name(source)} {_line(text, start)}: {text[start:end][:90]!r}"
            kind.extras += [f"{where} -> {iri}" for iri in sorted(found - expected)]
        known = {str(concept) for _, concept in gazetteer.labels(scheme)}
        for concept, spans in sorted(linked):
            # a node quoting a list item is scored with list items (its heading is a sentence)
            score = scores["list" if any(_quote_kind(texts[s][a:b]) == "list" for s, a, b in spans) else "sentence"]
            score.gold += 1
            score.reachable += concept in known
            if any(concept in got[span] for span in spans):
                score.found += 1
            else:
                source, start, end = spans[-1]
                quote = " | ".join(texts[s][a:b][:60] for s, a, b in spans)
                score.misses.append(f"{_name(source)} {_line(texts[source], start)}: {quote!r} -> {concept}")


def _flows(graph: Graph):
    return graph.subjects(RDF.type, DPV.PersonalDataProcess)


def _category_declarations(graph: Graph):
    return (node for node in graph.subjects(SG.aboutItem, SGID["notice-item/categories"])
            if (node, RDF.type, DPV.PersonalDataProcess) not in graph)


def score_retention(notices, texts, score: Score) -> None:
    gold: dict[str, list[tuple[tuple[int, int], tuple]]] = defaultdict(list)
    for graph in notices:
        for declaration, rule in graph.subject_objects(DPV.hasStorageCondition):
            if (rule, RDF.type, SG.RetentionRule) not in graph:
                continue
            facts = (_str(graph.value(rule, SG.retentionPeriod)), _str(graph.value(rule, SG.retentionAnchor)),
                     _str(graph.value(rule, SG.untilAge)), _str(graph.value(rule, SG.retainUntil)))
            if facts == (None, None, None, None):
                continue  # criteria in words or a deferral: nothing for the recogniser to find
            for source, start, end in spans_of(graph, declaration):
                gold[source].append(((start, end), facts))
    for source, text in texts.items():
        predicted = [((r.start, r.end), (r.duration, _str(r.anchor_concept), _str(r.until_age),
                                          r.until.literal() if r.until else None)) for r in find_retention(text)]
        score.predicted += len(predicted)
        matched_gold = set()
        for span, facts in predicted:
            hits = [i for i, (g_span, g_facts) in enumerate(gold[source])
                    if g_span[0] <= span[0] and span[1] <= g_span[1] and _agrees(facts, g_facts)]
            if hits:
                score.right += 1
                matched_gold.update(hits)
            else:
                score.extras.append(f"{_name(source)} {_line(text, span[0])}: {text[span[0]:span[1]]!r} {facts}")
        score.gold += len(gold[source])
        score.found += len(matched_gold)
        score.misses += [f"{_name(source)} {_line(text, g_span[0])}: {text[g_span[0]:g_span[1]][:90]!r} {facts}"
                         for i, (g_span, facts) in enumerate(gold[source]) if i not in matched_gold]


def _agrees(predicted: tuple, gold: tuple) -> bool:
    """Same period, age and end date, and the same anchor where the curation names one."""
    duration, anchor, age, until = predicted
    g_duration, g_anchor, g_age, g_until = gold
    return (duration, age, until) == (g_duration, g_age, g_until) and (g_anchor is None or anchor == g_anchor
                                                                        or g_age is not None)


def _str(value) -> str | None:
    return None if value is None else str(value)


def _name(source: str) -> str:
    return source.rsplit("/", 1)[-1]


def _line(text: str, offset: int) -> str:
    return f"line {text.count(chr(10), 0, offset) + 1}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path)
    parser.add_argument("--show", action="store_true", help="list misses and unmatched predictions")
    args = parser.parse_args()
    root = resources.project_root()
    sources = args.sources or resources.default_sources_dir(root)
    if sources is None or not sources.is_dir():
        raise SystemExit("source texts not found: pass --sources or set SHARINGGRAPH_SOURCES")
    texts = {}
    for record_path in sorted(resources.source_records_dir(root).glob("*.json")):
        record = json.loads(record_path.read_text(encoding="utf-8"))
        texts[str(URIRef("https://w3id.org/sharinggraph/id/source/" + record["id"]))] = (
            sources / record["file"]).read_text(encoding="utf-8")
    notices_by_council: dict[str, list[Graph]] = defaultdict(list)
    for path in resources.notice_files(root):
        notices_by_council[path.parent.name].append(Graph().parse(path, format="turtle"))
    notices = [graph for graphs in notices_by_council.values() for graph in graphs]
    register = load_legislation(root)
    loo_registers = {}
    for council, graphs in notices_by_council.items():
        left_out = load_legislation(root, exclude_council=council)
        for graph in graphs:
            loo_registers.update({str(source): left_out for source in graph.objects(None, OA.hasSource)})
    scores = {kind: Score(kind) for kind in ("citations (legislation IRIs)", "lawful bases (from citations)",
                                             "citations, register without the council's wording",
                                             "lawful bases, register without the council's wording",
                                             "lawful bases, cited or named in words (whole text)",
                                             "parties in list items and phrases", "parties in sentences",
                                             "categories in list items and phrases", "categories in sentences",
                                             "retention rules")}
    started = time.perf_counter()
    score_citations(notices, texts, {source: register for source in texts}, scores["citations (legislation IRIs)"],
                    scores["lawful bases (from citations)"])
    cited = time.perf_counter()
    score_citations(notices, texts, loo_registers, scores["citations, register without the council's wording"],
                    scores["lawful bases, register without the council's wording"],
                    scores["lawful bases, cited or named in words (whole text)"])
    for what, scheme, predicates, nodes in (("parties", "party", (DPV.hasRecipient, DPV.hasDataSource), _flows),
                                            ("categories", "category", (DPV.hasPersonalData,), _category_declarations)):
        kinds = {"list": scores[f"{what} in list items and phrases"], "sentence": scores[f"{what} in sentences"]}
        for score in kinds.values():
            score.reachable = 0
        score_concepts(root, notices_by_council, texts, kinds, scheme, predicates, nodes)
    score_retention(notices, texts, scores["retention rules"])
    print("| kind | gold | predicted in a curated quote | right | precision | gold found | recall "
          "| gold the left-out gazetteer can name (recall of those) | predicted outside every quote (not assessed) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for score in scores.values():
        print(score.row())
    characters = sum(len(t) for t in texts.values())
    print(f"\nfind_citations on all {len(texts)} seed texts ({characters} characters): {cited - started:.2f} s")
    if args.show:
        for score in scores.values():
            print(f"\n## {score.kind}: missed\n" + "\n".join(score.misses))
            print(f"\n## {score.kind}: predicted, not in the curation\n" + "\n".join(score.extras))
            print(f"\n## {score.kind}: predicted outside every curated quote\n" + "\n".join(score.outside))


if __name__ == "__main__":
    main()
