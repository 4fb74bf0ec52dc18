"""Resolves friendly parameter values ("s.11 Children Act 2004", "police", "DWP") to vocabulary IRIs."""

from __future__ import annotations

import re
from difflib import SequenceMatcher, get_close_matches

from rdflib import Dataset, URIRef

from ..errors import InputError
from ..namespaces import PREFIXES

_LABELS = "skos:prefLabel|skos:altLabel|skos:hiddenLabel|dct:title|dct:identifier|schema:legislationIdentifier"

_CANDIDATES = {
    "gateway": f"""SELECT ?iri ?label WHERE {{
        {{ ?iri a dpv:Law }} UNION {{ ?iri a sg:Provision }}
        ?iri {_LABELS} ?label }}""",
    "category": f"""SELECT ?iri ?label WHERE {{
        {{ ?iri skos:inScheme <https://w3id.org/sharinggraph/id/scheme/data-categories> }}
        UNION {{ VALUES ?iri {{ dpv:SpecialCategoryPersonalData pd:Criminal }} }}
        ?iri {_LABELS} ?label }}""",
    "council": f"""SELECT ?iri ?label WHERE {{
        ?iri a dpv:PublicSectorBody ; schema:areaServed ?area ; {_LABELS} ?label }}""",
    "notice": """SELECT ?iri ?label WHERE { ?iri a dpv:PrivacyNotice ; dct:title ?label }""",
    "recipient": f"""SELECT ?iri ?label WHERE {{
        {{ ?iri skos:inScheme <https://w3id.org/sharinggraph/id/scheme/organisations> }}
        UNION {{ ?iri skos:inScheme <https://w3id.org/sharinggraph/id/scheme/recipient-types> }}
        ?iri {_LABELS} ?label }}""",
}

#: A legislation.gov.uk address as copied from a browser: /ukpga/2004/31/section/11, maybe /id/, /contents, a version.
_LEGISLATION_ADDRESS = re.compile(
    r"^https?://(?:www\.)?legislation\.gov\.uk/(?:id/)?((?:ukpga|uksi|eur|asp|wsi|nisi|ukla)/[0-9]{4}/[0-9]+(?:/[a-z]+/[0-9a-z]+)*)"
    r"(?:/(?:contents|enacted|made|data\.\w+|[0-9]{4}-[0-9]{2}-[0-9]{2}))*/?(?:[?#].*)?$",
    re.IGNORECASE,
)
_UNSAFE = re.compile(r'[\x00-\x1f{}<>"\\;`|^]')
_SECTION = re.compile(r"\b(?:s|ss|sec|section)\s*\.?\s*(\d+[a-z]?)\b", re.IGNORECASE)


def normalise(text: str) -> str:
    """Case-folded words: curly quotes straightened, punctuation and a leading 'the' dropped."""
    text = text.replace("’", "'").casefold()
    text = re.sub(r"[^\w()']+", " ", text).strip()
    return re.sub(r"^the ", "", text)


_SHORT_FORMS = ("http://www.legislation.gov.uk/id/", "https://w3id.org/sharinggraph/id/notice/")


def _closeness(wanted: str, name: str) -> float:
    return SequenceMatcher(None, wanted, name).ratio()


def short_form(iri: URIRef) -> str:
    """The IRI as ``query values`` shows it and parameters accept it: ukpga/2004/31/section/11, a notice's build id."""
    text = str(iri)
    return next((text[len(prefix):] for prefix in _SHORT_FORMS if text.startswith(prefix)), text)


def _names_from_iri(iri: URIRef) -> list[str]:
    """Names an IRI answers to besides its labels: its local name, and its short form."""
    return [normalise(str(iri).rsplit("/", 1)[-1].replace("-", " ")), normalise(short_form(iri))]


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
                names = found.setdefault(row.iri, set(_names_from_iri(row.iri)))
                if row.label is not None:
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
        if kind == "gateway" and re.match(r"^(?:ukpga|uksi|eur|asp|wsi|nisi)/\d{4}/", value):
            value = f"http://www.legislation.gov.uk/id/{value}"
        if re.match(r"^https?://", value):
            address = _LEGISLATION_ADDRESS.match(value) if kind == "gateway" else None
            iri = URIRef(f"http://www.legislation.gov.uk/id/{address.group(1).lower()}") if address else URIRef(value)
            if iri in candidates:
                return iri
            raise InputError(f"{kind} {value!r} is not in the vocabularies (see 'sharinggraph query values {kind}')")
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
            listed = ", ".join(sorted(dict.fromkeys(self._label(iri) for iri in partial))[:8])
            raise InputError(f"{kind} {shown!r} is ambiguous: it could be {listed}")
        named: dict[str, list[URIRef]] = {}  # every name and every word of a name: "polise" is close to "police"
        for iri, names in candidates.items():
            for name in names:
                for key in {name, *name.split()}:
                    named.setdefault(key, []).append(iri)
        close = get_close_matches(wanted, named, n=8, cutoff=0.5)
        # a word close to many names ("helth" ~ "health"): the names closest as a whole come first
        ranked = sorted({iri for c in close for iri in named[c]}, key=lambda iri: (
            -max(_closeness(wanted, c) for c in close if iri in named[c]),
            -max(_closeness(wanted, name) for name in candidates[iri]), self._label(iri)))
        suggestions = list(dict.fromkeys(self._label(iri) for iri in ranked))[:3]
        hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
        raise InputError(f"unknown {kind} {shown!r}{hint} (see 'sharinggraph query values {kind}')")

    def values(self, kind: str) -> list[tuple[URIRef, str, list[str]]]:
        """Every accepted value of a parameter type: IRI, preferred label, other accepted names."""
        rows = []
        for iri, names in self.labels(kind).items():
            label = self.dataset.value(iri, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))
            label = label or self.dataset.value(iri, URIRef("http://purl.org/dc/terms/title"))
            preferred = str(label) if label is not None else str(iri)
            rows.append((iri, preferred, sorted(names - {normalise(preferred)})))
        return sorted(rows, key=lambda row: (row[1].casefold(), str(row[0])))

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

