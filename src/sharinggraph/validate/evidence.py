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

from ..namespaces import PREFIXES, SG

_NOTICE = """
SELECT ?notice WHERE {
  { ?focus a dpv:PrivacyNotice . BIND(?focus AS ?notice) }
  UNION { ?notice (sg:declares|dpv:hasProcess) ?focus }
  UNION { ?notice sg:declares/dpv:hasStorageCondition ?focus }
  UNION { ?notice sg:declares/dpv:hasStorageCondition/sg:suspendedBy ?focus }
}
"""
# Each query returns ?quote ?start ?source for one kind of evidence; ?start may be unbound.
_SPAN = "?span oa:hasSource ?source ; oa:hasSelector/oa:exact ?quote . OPTIONAL { ?span oa:hasSelector/oa:start ?start }"
_OWN = f"""
SELECT ?quote ?start ?source WHERE {{
  {{ ?focus prov:wasDerivedFrom ?span }}
  UNION {{ ?holder dpv:hasStorageCondition ?focus ; prov:wasDerivedFrom ?span }}
  UNION {{ ?rule sg:suspendedBy ?focus . ?holder dpv:hasStorageCondition ?rule ; prov:wasDerivedFrom ?span }}
  {_SPAN}
}}
"""
_OF_VALUE = f"SELECT ?quote ?start ?source WHERE {{ ?value prov:wasDerivedFrom ?span . {_SPAN} }}"
_DECLARING_VALUE = f"""
SELECT ?quote ?start ?source WHERE {{
  ?notice sg:declares|dpv:hasProcess ?statement . ?statement ?property ?value ; prov:wasDerivedFrom ?span . {_SPAN}
}}
"""
_REVIEW = f"""
SELECT ?quote ?start ?source WHERE {{ ?notice sg:declares ?d . ?d sg:nextReviewDate ?date ; prov:wasDerivedFrom ?span . {_SPAN} }}
"""
_LABELS = "SELECT ?label WHERE { ?value skos:prefLabel|skos:altLabel|dct:title ?label }"
_SECTION = f"""
SELECT ?quote ?start ?source WHERE {{ ?notice (sg:declares|dpv:hasProcess) ?s . ?s prov:wasDerivedFrom ?span . {_SPAN} }}
"""


@dataclass(frozen=True)
class Span:
    """A quoted span: its text, where it starts in its source, and its line there (0 when unknown)."""

    quote: str
    start: int
    line: int


def finding_context(dataset: Dataset, focus, value, path, texts: dict[str, str] | None = None) -> tuple[str, tuple[Span, ...]]:
    """The notice a finding belongs to and up to three spans that show it, the evidence first."""
    notices = [row.notice for row in dataset.query(_NOTICE, initNs=PREFIXES, initBindings={"focus": focus})]
    notice = min(notices) if notices else None
    rows = list(dataset.query(_OWN, initNs=PREFIXES, initBindings={"focus": focus}))
    absent = value is None or value == focus or value == notice
    if not rows and notice is not None:
        if path == SG.validationDate:
            rows = list(dataset.query(_REVIEW, initNs=PREFIXES, initBindings={"notice": notice}))
        elif not absent:
            rows = list(dataset.query(_OF_VALUE, initNs=PREFIXES, initBindings={"value": value}))
            rows = rows or list(dataset.query(_DECLARING_VALUE, initNs=PREFIXES, initBindings={"notice": notice, "value": value}))
    spans = {_span(row, texts or {}) for row in rows}
    if not spans and notice is not None and absent:
        section = sorted({_span(row, texts or {}) for row in dataset.query(_SECTION, initNs=PREFIXES, initBindings={"notice": notice})},
                         key=_position)
        spans = set(section[:1])
    wanted = _names(dataset, value)
    ordered = sorted(spans, key=lambda span: (bool(wanted) and not any(name in span.quote.lower() for name in wanted),
                                              *_position(span)))
    return str(notice or ""), tuple(ordered[:3])


def _names(dataset: Dataset, value) -> set[str]:
    """What a quote that shows ``value`` contains: the literal itself, or the term's labels (lower case)."""
    if value is None:
        return set()
    if isinstance(value, Literal):
        return {str(value).lower()}
    return {str(row.label).lower() for row in dataset.query(_LABELS, initNs=PREFIXES, initBindings={"value": value})}


def _position(span: Span) -> tuple:
    return (span.start, span.quote)


def _span(row, texts: dict[str, str]) -> Span:
    start = row.start.toPython() if row.start is not None else -1
    start = start if isinstance(start, int) else -1
    text = texts.get(str(row.source))
    line = text.count("\n", 0, start) + 1 if text is not None and 0 <= start <= len(text) else 0
    return Span(str(row.quote), start, line)


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
