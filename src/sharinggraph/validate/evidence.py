"""Where a finding sits and what shows it: its notice, and the quotes (with their source lines) that evidence it.

The evidence of a finding is, in order of preference: the quotes of the focus itself (a
statement, a retention rule, a hold); the quotes of the statement or declaration that holds the
finding's value (a literal value, such as an address or a phrase, picks the quote that contains
it); and, for an absence (nothing in the notice shows the item), the opening quote of the notice's
own section, which is where the item was expected. Quotes are ordered by where they stand in the
source, so the first is the sentence a reader looks at, on every run.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from ..namespaces import DPV, OA, SG

# The lookups below are triple patterns on the dataset's indexes, not SPARQL: rdflib parses a query
# text on every call, and a finding asks up to six of them (most of validation's time on rudof).
_HOLDS = (SG.declares, DPV.hasProcess)
_LABELLED = (SKOS.prefLabel, SKOS.altLabel, DCTERMS.title)


@dataclass(frozen=True)
class Span:
    """A quoted span: its text, where it starts in its source, and its line there (0 when unknown)."""

    quote: str
    start: int
    line: int


def finding_context(dataset: Dataset, focus, value, path, texts: dict[str, str] | None = None) -> tuple[str, tuple[Span, ...]]:
    """The notice a finding belongs to and up to three spans that show it, the evidence first."""
    notices = _notices(dataset, focus)
    notice = min(notices) if notices else None
    texts = texts or {}
    spans = _own_spans(dataset, focus, texts)
    absent = value is None or value == focus or value == notice
    if not spans and notice is not None:
        if path == SG.validationDate:
            spans = {span for d in _objects(dataset, notice, SG.declares) if _objects(dataset, d, SG.nextReviewDate)
                     for span in _spans(dataset, d, texts)}
        elif not absent:
            spans = _spans(dataset, value, texts) or {
                span for statement in _held(dataset, notice) if (statement, None, value) in dataset
                for span in _spans(dataset, statement, texts)}
    if not spans and notice is not None and absent:
        section = sorted({span for statement in _held(dataset, notice) for span in _spans(dataset, statement, texts)},
                         key=_position)
        spans = set(section[:1])
    wanted = _names(dataset, value)
    ordered = sorted(spans, key=lambda span: (bool(wanted) and not any(name in span.quote.lower() for name in wanted),
                                              *_position(span)))
    return str(notice or ""), tuple(ordered[:3])


def _objects(dataset: Dataset, subject, predicate) -> set:
    return set(dataset.objects(subject, predicate))


def _subjects(dataset: Dataset, predicate, value) -> set:
    return set(dataset.subjects(predicate, value))


def _held(dataset: Dataset, notice) -> set:
    """The statements and declarations of a notice."""
    return {statement for predicate in _HOLDS for statement in _objects(dataset, notice, predicate)}


def _notices(dataset: Dataset, focus) -> set:
    """The notice of a focus: itself, the notice holding it, or the notice of the declaration whose
    retention rule (or whose rule's suspension) it is."""
    if (focus, RDF.type, DPV.PrivacyNotice) in dataset:
        return {focus}
    rules = _subjects(dataset, SG.suspendedBy, focus)
    holders = {holder for rule in {focus, *rules} for holder in _subjects(dataset, DPV.hasStorageCondition, rule)}
    return ({notice for predicate in _HOLDS for notice in _subjects(dataset, predicate, focus)}
            | {notice for holder in holders for notice in _subjects(dataset, SG.declares, holder)})


def _own_spans(dataset: Dataset, focus, texts: dict[str, str]) -> set[Span]:
    """The quotes of the focus itself, or of the statement holding it as its retention rule (or the
    rule it suspends)."""
    rules = _subjects(dataset, SG.suspendedBy, focus)
    holders = {holder for rule in {focus, *rules} for holder in _subjects(dataset, DPV.hasStorageCondition, rule)}
    return {span for subject in {focus, *holders} for span in _spans(dataset, subject, texts)}


def _spans(dataset: Dataset, subject, texts: dict[str, str]) -> set[Span]:
    """The quoted spans a subject was derived from (``prov:wasDerivedFrom``), each with its line."""
    found = set()
    for span in _objects(dataset, subject, PROV.wasDerivedFrom):
        selectors = _objects(dataset, span, OA.hasSelector)
        starts = [start for selector in selectors for start in _objects(dataset, selector, OA.start)] or [None]
        for source in _objects(dataset, span, OA.hasSource):
            for selector in selectors:
                for quote in _objects(dataset, selector, OA.exact):
                    found |= {_span(quote, start, source, texts) for start in starts}
    return found


def _names(dataset: Dataset, value) -> set[str]:
    """What a quote that shows ``value`` contains: the literal itself, or the term's labels (lower case)."""
    if value is None:
        return set()
    if isinstance(value, Literal):
        return {str(value).lower()}
    return {str(label).lower() for predicate in _LABELLED for label in _objects(dataset, value, predicate)}


def _position(span: Span) -> tuple:
    return (span.start, span.quote)


def _span(quote, start, source, texts: dict[str, str]) -> Span:
    start = start.toPython() if start is not None else -1
    start = start if isinstance(start, int) else -1
    text = texts.get(str(source))
    line = text.count("\n", 0, start) + 1 if text is not None and 0 <= start <= len(text) else 0
    return Span(str(quote), start, line)


def source_texts(root, sources_dir) -> dict[str, str]:
    """The verified source texts by source document IRI, or none when they are not available."""
    from ..errors import InputError
    from .. import resources
    from ..load.sources import load_records, read_texts

    folder = sources_dir or resources.default_sources_dir(root)
    if folder is None:
        return {}
    records = load_records(resources.source_records_dir(root))
    try:
        texts = read_texts(records, folder)
    except InputError:  # the build says why; findings then carry no line numbers
        return {}
    return {str(records[key].iri): text for key, text in texts.items()}
