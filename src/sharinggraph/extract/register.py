"""The legislation register as the citation parser reads it: labels, titles, years and SI numbers.

``load_legislation(root)`` reads ``data/vocab/legislation.ttl`` (Acts, SIs, UK GDPR and their
provisions, with every wording a notice used as ``skos:altLabel``) and ``data/vocab/lawful-bases.ttl``
(which lawful-basis concept stands behind an article or a DPA 2018 Schedule 1 paragraph, through
``dct:relation``). Lookups are by normalised text: case, curly apostrophes, ``&`` and a leading
"the" do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..namespaces import LEGISLATION
from .evidence import comment_evidence, council_folder

#: The instrument IRI of the UK GDPR (retained Regulation (EU) 2016/679).
UK_GDPR = LEGISLATION["eur/2016/679"]
#: The instrument IRI of the Data Protection Act 2018.
DPA_2018 = LEGISLATION["ukpga/2018/12"]

_INSTRUMENT_PATH = re.compile(r"^(?:ukpga|uksi|asp|anaw|asc|wsi|ssi|nia|nisr|eur)/\d{4}/\d+$")


def normalise(text: str) -> str:
    """Text as the register compares it: lower case, straight apostrophes, 'and' for '&', one space."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ").lower()
    text = re.sub(r"\s+", " ", text).strip(" ,.;:")
    return re.sub(r"^the ", "", text)


def title_key(title: str) -> str:
    """A title with possessives dropped, so "Children's Act" and "Childrens Act" meet "Children Act"."""
    return re.sub(r"(?<=[a-z])(?:'s|s')(?=\s|$)", "", normalise(title))


_KINDS = {"act", "regulation", "order", "rule", "measure"}
_LINKING_WORDS = {"and", "of", "the", "for", "in", "on", "to", "about"}


def _stems(title: str) -> frozenset[str]:
    """A title's words in the singular, without linking words or brackets."""
    words = re.findall(r"[a-z0-9]+", title_key(title))
    stems = {re.sub(r"ies$", "y", w) if len(w) > 4 else w for w in words if w not in _LINKING_WORDS}
    return frozenset(re.sub(r"(?<=[a-z]{3})(?<!s)s$", "", w) for w in stems)


@dataclass
class LegislationRegister:
    """What ``data/vocab`` knows about cited law (see the module docstring)."""

    labels: dict[str, frozenset[URIRef]] = field(default_factory=dict)    # normalised label -> IRIs
    titles: dict[URIRef, str] = field(default_factory=dict)               # IRI -> prefLabel
    years: dict[URIRef, int] = field(default_factory=dict)                # instrument -> year
    by_title_year: dict[tuple[str, int], URIRef] = field(default_factory=dict)
    by_si_number: dict[str, URIRef] = field(default_factory=dict)         # "2006/90" -> uksi IRI
    part_of: dict[URIRef, URIRef] = field(default_factory=dict)           # provision -> parent
    bases: dict[URIRef, URIRef] = field(default_factory=dict)             # provision -> lawful basis
    cache: dict = field(default_factory=dict, repr=False, compare=False)  # patterns built once per register

    def is_instrument(self, iri: URIRef) -> bool:
        """True for an Act, SI or the UK GDPR (not a provision of one)."""
        return bool(_INSTRUMENT_PATH.match(str(iri).removeprefix(str(LEGISLATION))))

    def instrument_of(self, iri: URIRef) -> URIRef:
        """The Act, SI or Regulation a provision belongs to (the IRI itself for an instrument)."""
        seen = set()
        while iri in self.part_of and iri not in seen:
            seen.add(iri)
            iri = self.part_of[iri]
        return iri

    def lookup(self, phrase: str) -> frozenset[URIRef]:
        """The register entries one of whose labels is ``phrase`` (normalised); empty if none."""
        return self.labels.get(normalise(phrase), frozenset())

    def act(self, title: str, year: int | None) -> URIRef | None:
        """The instrument with this title and year, or None when the register does not know it."""
        if year is None:
            return None
        return self.by_title_year.get((title_key(title), year))

    def act_by_words(self, title: str, year: int | None) -> tuple[URIRef | None, bool]:
        """The instrument of that year whose title has the same words, or holds all of them.

        Words are compared singular ("Equalities Act" meets "Equality Act": a sure match, False
        second); a title whose words (two or more besides "Act") all appear in one registered
        title of that year and kind ("Leaving Care Act 2000" in "Children (Leaving Care) Act
        2000") gives that instrument with True second: a match the curator should check.
        """
        if year is None:
            return None, False
        words = _stems(title)
        if not words - _KINDS or not words & _KINDS:
            return None, False
        within = []
        for (key, registered_year), iri in self.by_title_year.items():
            if registered_year != year:
                continue
            registered = _stems(key)
            if registered == words:
                return iri, False
            if words <= registered and len(words - _KINDS) >= 2:
                within.append(iri)
        return (within[0], True) if len(set(within)) == 1 else (None, False)


def load_legislation(root: Path, exclude_council: str | None = None) -> LegislationRegister:
    """Read the legislation register and the lawful-basis relations under ``root/data/vocab``.

    ``exclude_council`` (as for ``Gazetteer.from_vocab``) leaves out every wording whose line
    comment names only that council's notices ("Equalities Act 2010  # 001 line 90"), for a
    leave-one-council-out evaluation. The entries themselves (an Act's title, year and number)
    stay: they are facts of the law, not wording learnt from a notice.
    """
    graph = Graph()
    vocab = root / "data" / "vocab"
    for name in ("legislation.ttl", "lawful-bases.ttl"):
        graph.parse(vocab / name, format="turtle")
    register = LegislationRegister()
    unseen = _wordings_of(root, exclude_council) if exclude_council else set()
    labels: dict[str, set[URIRef]] = {}
    for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, DCTERMS.title):
        for subject, label in graph.subject_objects(predicate):
            if (str(subject), str(label)) in unseen:
                continue
            if isinstance(subject, URIRef) and str(subject).startswith(str(LEGISLATION)):
                labels.setdefault(normalise(str(label)), set()).add(subject)
    register.labels = {label: frozenset(iris) for label, iris in labels.items()}
    for subject, label in graph.subject_objects(SKOS.prefLabel):
        if isinstance(subject, URIRef) and str(subject).startswith(str(LEGISLATION)):
            register.titles[subject] = str(label)
    for subject, issued in graph.subject_objects(DCTERMS.issued):
        year = int(str(issued)[:4])
        register.years[subject] = year
        for predicate in (SKOS.prefLabel, DCTERMS.title):
            for title in graph.objects(subject, predicate):
                register.by_title_year[(title_key(re.sub(r"\s*\d{4}$", "", str(title))), year)] = subject
        path = str(subject).removeprefix(str(LEGISLATION))
        if path.startswith("uksi/"):
            register.by_si_number[path.removeprefix("uksi/")] = subject
    for provision, parent in graph.subject_objects(DCTERMS.isPartOf):
        if isinstance(provision, URIRef) and isinstance(parent, URIRef):
            register.part_of[provision] = parent
    for basis, provision in graph.subject_objects(DCTERMS.relation):
        if isinstance(provision, URIRef) and str(provision).startswith(str(LEGISLATION)):
            register.bases[provision] = basis
    return register


def _wordings_of(root: Path, council: str) -> set[tuple[str, str]]:
    """(IRI, label) pairs whose only evidence is the council's notices."""
    folder = council_folder(root, council)
    return {key for key, councils in comment_evidence(root).items() if councils == {folder}}
