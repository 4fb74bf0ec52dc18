"""Leave-one-council-out evaluation of `sharinggraph extract` on the seed notices (issue 12).

Usage: PYTHONPATH=src .venv/bin/python benchmarks/extract_eval.py [--sources DIR] [--seen] [--explain]

For each seed text (data/sources/*.json) the extractor drafts the notice with a gazetteer that has
not seen that council's notices (Gazetteer.from_vocab(exclude_council=...)), and its draft is scored
against the curated encodings of that text (every data/notices file whose dct:source is it), per
kind: recipients and sources (the council's own flows; distinct bodies matched one to one by IRI),
categories, lawful bases, gateways (distinct IRIs) and retention rules (matched one to one by the
period each states: a duration, an end date or age, or none). Candidates never match. It then
reports notices per second, and the time of the largest seed (about 19 pages), vocabularies included.
``--explain`` lists, per notice, the recipients, sources and categories missed (with the curated
quote that states each) and the false positives (with the words of the draft that gave each), so
that errors can be classified.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from sharinggraph import resources
from sharinggraph.extract.draft import draft_notice
from sharinggraph.extract.gazetteer import Gazetteer
from sharinggraph.extract.reading import Document, read_file
from sharinggraph.extract.register import load_legislation
from sharinggraph.load.sources import load_records

DPV = Namespace("https://w3id.org/dpv#")
SG = Namespace("https://w3id.org/sharinggraph/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
KINDS = ("recipients", "sources", "categories", "lawful bases", "gateways", "retention rules")
EXPLAINED = {"recipients": DPV.hasRecipient, "sources": DPV.hasDataSource, "categories": DPV.hasPersonalData}


def curated(files: list[Path]) -> Graph:
    """The curated encodings of one text, in one graph."""
    graph = Graph()
    for path in files:
        graph.parse(path)
    return graph


def statements(graph: Graph, controllers: set[str]) -> dict[str, Counter]:
    """What a curated graph states, by kind (recipients and sources: the controllers' own flows)."""
    own = {p for p in graph.subjects(RDF.type, DPV.PersonalDataProcess)
           if {str(c) for c in graph.objects(p, DPV.hasDataController)} & controllers}
    return {
        "recipients": Counter({str(o) for p in own for o in graph.objects(p, DPV.hasRecipient)}),
        "sources": Counter({str(o) for p in own for o in graph.objects(p, DPV.hasDataSource)}),
        "categories": Counter({str(o) for o in graph.objects(None, DPV.hasPersonalData)}),
        "lawful bases": Counter({str(o) for o in graph.objects(None, DPV.hasLegalBasis)}),
        "gateways": Counter({str(o) for o in graph.objects(None, SG.hasGateway)}),
        "retention rules": Counter(_period(graph, rule) for rule in set(graph.subjects(RDF.type, SG.RetentionRule))),
    }


def predicted(found: dict[str, list[str]]) -> dict[str, Counter]:
    """What the draft states, by kind, as IRIs (candidates are ``:`` names and never match)."""
    def iris(kind: str) -> Counter:
        return Counter({value.strip("<>") for value in found.get(kind, [])})

    return {**{kind: iris(kind) for kind in KINDS[:-1]}, "retention rules": Counter(found.get("retention rules", []))}


def quotes(graph: Graph, predicate: URIRef, concept: str, base: str = "") -> list[str]:
    """The shortest quote of each node that links to ``concept`` by ``predicate`` (its words, not its
    lead-in); a candidate's ``:name`` is read against the draft's ``base``."""
    found = []
    for node in graph.subjects(predicate, URIRef(base + concept[1:] if concept.startswith(":") else concept)):
        exact = [str(e) for target in graph.objects(node, PROV.wasDerivedFrom)
                 for selector in graph.objects(target, OA.hasSelector) for e in graph.objects(selector, OA.exact)]
        if exact:
            found.append(" ".join(min(exact, key=len).split())[:100])
    return sorted(set(found)) or ["(no quote)"]


def explain(record_id: str, truth: dict[str, Counter], guess: dict[str, Counter], curated: Graph, drafted: Graph,
            base: str, gazetteer: Gazetteer) -> None:
    """Print what was missed and what was wrongly found, per kind, with the words behind each; a
    missed concept the gazetteer has no label for (left out with the council) is marked UNKNOWN."""
    print(f"\n## {record_id}")
    known = {str(concept) for scheme in ("party", "category") for _, concept in gazetteer.labels(scheme)}
    for kind, predicate in EXPLAINED.items():
        missed, wrong = sorted(truth[kind] - guess[kind]), sorted(guess[kind] - truth[kind])
        print(f"### {kind}: {len(missed)} missed, {len(wrong)} false positives")
        for concept in missed:
            mark = "MISSED" if concept in known or "dpv#" in concept else "UNKNOWN"
            print(f"  {mark} {_short(concept)}  <- gold: {' | '.join(quotes(curated, predicate, concept))}")
        for concept in wrong:
            print(f"  FALSE  {_short(concept)}  <- draft: {' | '.join(quotes(drafted, predicate, concept, base))}")


def _short(concept: str) -> str:
    return concept.removeprefix("https://w3id.org/sharinggraph/id/").removeprefix("https://w3id.org/")


def council_names(root: Path) -> dict[str, str]:
    """Each council's preferred label by IRI: the name the extractor is given for a notice (a joint
    notice is given its first controller's)."""
    graph = Graph().parse(root / "data" / "vocab" / "organisations.ttl")
    return {str(council): str(label) for council, label in graph.subject_objects(SKOS.prefLabel)}


def _period(graph: Graph, rule) -> str:
    """How long a curated rule keeps records: its duration, its end date or age, else 'unstated'."""
    for prop, shown in ((SG.retentionPeriod, "{}"), (SG.retainUntil, "{}"), (SG.untilAge, "until age {}")):
        value = next(graph.objects(rule, prop), None)
        if value is not None:
            return shown.format(value)
    return "unstated"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=Path, default=None)
    parser.add_argument("--seen", action="store_true",
                        help="keep every council's labels in the gazetteer (the ceiling; not a fair test)")
    parser.add_argument("--explain", action="store_true",
                        help="list each notice's missed and wrongly found recipients, sources and categories")
    args = parser.parse_args()
    root = resources.project_root()
    sources = args.sources or resources.default_sources_dir(root)
    records = load_records(resources.source_records_dir(root))
    register = load_legislation(root)
    totals = {kind: Counter() for kind in KINDS}
    elapsed, cpu, rows = 0.0, 0.0, []
    names = council_names(root)
    sources_of = {path: set(Graph().parse(path).objects(None, DCTERMS.source)) for path in resources.notice_files(root)}
    for record in records.values():
        files = [path for path, cited in sources_of.items() if URIRef(record.iri) in cited]
        council_folder = files[0].parent.name
        document = read_file(sources / record.file)
        gazetteer = Gazetteer.from_vocab(root, exclude_council=None if args.seen else council_folder)
        started, started_cpu = time.perf_counter(), time.process_time()
        draft = draft_notice(document, names[record.controllers[0]], root, gazetteer=gazetteer, register=register)
        elapsed += time.perf_counter() - started
        cpu += time.process_time() - started_cpu
        graph = curated(files)
        truth, guess = statements(graph, set(record.controllers)), predicted(draft.found)
        if args.explain:
            explain(record.id, truth, guess, graph, Graph().parse(data=draft.turtle, format="turtle"), draft.notice + "/", gazetteer)
        for kind in KINDS:
            hit = sum((truth[kind] & guess[kind]).values())
            totals[kind].update(tp=hit, fp=sum(guess[kind].values()) - hit, fn=sum(truth[kind].values()) - hit)
        rows.append(f"{record.id}: {len(document.text)} characters, {draft.candidates} candidates")
    print("| kind | precision | recall | true pos. | false pos. | missed |\n|---|---|---|---|---|---|")
    for kind in KINDS:
        tp, fp, fn = totals[kind]["tp"], totals[kind]["fp"], totals[kind]["fn"]
        precision = f"{tp / (tp + fp):.0%}" if tp + fp else "n/a"
        recall = f"{tp / (tp + fn):.0%}" if tp + fn else "n/a"
        print(f"| {kind} | {precision} | {recall} | {tp} | {fp} | {fn} |")
    print()
    print("\n".join(rows))
    print(f"\n{len(records)} notices in {elapsed:.2f} s of drafting ({cpu:.2f} s CPU): {len(records) / elapsed:.1f} "
          f"notices per second, {len(records) / cpu:.1f} per CPU second (gazetteer and register loading excluded)")
    largest = max((read_file(sources / r.file) for r in records.values()), key=lambda d: len(d.text))
    words = len(largest.text.split())
    ten_pages = Document("\n".join([largest.text] * max(1, round(5000 / words))), "text/plain", name="ten pages")
    started, started_cpu = time.perf_counter(), time.process_time()
    gazetteer = Gazetteer.from_vocab(root)
    loaded, loaded_cpu = time.perf_counter(), time.process_time()
    draft_notice(ten_pages, "Westminster City Council", root, register=register, gazetteer=gazetteer)
    done, done_cpu = time.perf_counter(), time.process_time()
    print(f"the largest seed (~{len(ten_pages.text.split())} words, {len(ten_pages.text)} characters, about 19 "
          f"pages): {done - started:.2f} s ({done_cpu - started_cpu:.2f} s CPU: {loaded_cpu - started_cpu:.2f} s "
          f"loading the vocabularies, {done_cpu - loaded_cpu:.2f} s drafting)")


if __name__ == "__main__":
    main()
