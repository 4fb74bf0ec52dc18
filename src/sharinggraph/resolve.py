"""Resolves friendly parameter values ("s.11 Children Act 2004", "police", "DWP") to vocabulary IRIs."""

from __future__ import annotations

import re
from difflib import get_close_matches

from rdflib import Dataset, URIRef

from .errors import InputError
from .namespaces import PREFIXES

_LABELS = "skos:prefLabel|skos:altLabel|dct:title|dct:identifier|schema:legislationIdentifier"

_CANDIDATES = {
    "gateway": f"""SELECT ?iri ?label WHERE {{
        {{ ?iri a dpv:Law }} UNION {{ ?iri a sg:Provision }}
        ?iri {_LABELS} ?label }}""",
    "category": f"""SELECT ?iri ?label WHERE {{
        ?iri skos:inScheme <https://w3id.org/sharinggraph/id/scheme/data-categories> ; {_LABELS} ?label }}""",
    "council": f"""SELECT ?iri ?label WHERE {{
        ?iri a dpv:PublicSectorBody ; schema:areaServed ?area ; {_LABELS} ?label }}""",
    "notice": """SELECT ?iri ?label WHERE {
        ?iri a dpv:PrivacyNotice . { ?iri dct:title ?label } UNION { BIND(STR(?iri) AS ?label) } }""",
    "recipient": f"""SELECT ?iri ?label WHERE {{
        {{ ?iri skos:inScheme <https://w3id.org/sharinggraph/id/scheme/organisations> }}
        UNION {{ ?iri skos:inScheme <https://w3id.org/sharinggraph/id/scheme/recipient-types> }}
        ?iri {_LABELS} ?label }}""",
}

_UNSAFE = re.compile(r'[\x00-\x1f{}<>"\\;`|^]')
_SECTION = re.compile(r"\b(?:s|ss|sec|section)\s*\.?\s*(\d+[a-z]?)\b", re.IGNORECASE)


def normalise(text: str) -> str:
    """Case-folded words: curly quotes straightened, punctuation and a leading 'the' dropped."""
    text = text.replace("’", "'").casefold()
    text = re.sub(r"[^\w()']+", " ", text).strip()
    return re.sub(r"^the ", "", text)


class Resolver:
    """Looks up vocabulary terms by their labels, once per type, over one dataset."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self._labels: dict[str, dict[URIRef, set[str]]] = {}

    def labels(self, kind: str) -> dict[URIRef, set[str]]:
        """Every candidate IRI of a parameter type with its normalised labels (and IRI local name)."""
        if kind not in self._labels:
            found: dict[URIRef, set[str]] = {}
            for row in self.dataset.query(_CANDIDATES[kind], initNs=PREFIXES):
                names = found.setdefault(row.iri, {normalise(str(row.iri).rsplit("/", 1)[-1].replace("-", " "))})
                names.add(normalise(str(row.label)))
            self._labels[kind] = found
        return self._labels[kind]

    def resolve(self, kind: str, value: str) -> URIRef:
        """The one IRI of type ``kind`` that ``value`` names.

        :raises InputError: nothing matches, or several do (the message lists candidates).
        """
        if _UNSAFE.search(value):
            raise InputError(f"{kind} {value!r} has characters no vocabulary label or IRI has")
        candidates = self.labels(kind)
        if re.match(r"^https?://", value):
            if URIRef(value) in candidates:
                return URIRef(value)
            raise InputError(f"{kind} {value!r} is not in the vocabularies")
        if kind == "gateway":
            return self._gateway(value, candidates)
        return self._match(kind, normalise(value), candidates, value)

    def _match(self, kind: str, wanted: str, candidates: dict[URIRef, set[str]], shown: str) -> URIRef:
        exact = [iri for iri, names in candidates.items() if wanted in names]
        if len(exact) == 1:
            return exact[0]
        words = wanted.split()
        partial = exact or [
            iri for iri, names in candidates.items()
            if any(all(any(token.startswith(w) for token in name.split()) for w in words) for name in names)
        ]
        if len(partial) == 1:
            return partial[0]
        if partial:
            listed = ", ".join(sorted(self._label(iri) for iri in partial)[:8])
            raise InputError(f"{kind} {shown!r} is ambiguous: it could be {listed}")
        everything = {name: iri for iri, names in candidates.items() for name in names}
        close = get_close_matches(wanted, everything, n=3, cutoff=0.5)
        hint = f"; closest: {', '.join(self._label(everything[c]) for c in close)}" if close else ""
        raise InputError(f"unknown {kind} {shown!r}{hint}")

    def _gateway(self, value: str, candidates: dict[URIRef, set[str]]) -> URIRef:
        """An Act, or a section of one: "s.11 Children Act 2004", "Children Act 2004 section 11"."""
        section = _SECTION.search(value)
        act_name = normalise(_SECTION.sub(" ", value)) if section else normalise(value)
        act_name = re.sub(r"^(?:of |the )+", "", act_name)
        acts = {iri: names for iri, names in candidates.items() if "/section/" not in str(iri) and "/article/" not in str(iri)}
        act = self._match("gateway", act_name, acts if section else candidates, value)
        if not section:
            return act
        provision = URIRef(f"{act}/section/{section.group(1)}")
        if provision not in candidates:
            known = sorted(self._label(iri) for iri in candidates if str(iri).startswith(f"{act}/section/"))
            hint = f"; the register has {', '.join(known)}" if known else ""
            raise InputError(f"gateway {value!r}: section {section.group(1)} of {self._label(act)} is not in the register{hint}")
        return provision

    def _label(self, iri: URIRef) -> str:
        label = self.dataset.value(iri, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))
        return f"{label} <{iri}>" if label is not None else f"<{iri}>"

