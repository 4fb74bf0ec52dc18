"""Review pages from the built graph: which notice a name means, one notice's page, every page and the index."""

from __future__ import annotations

import re
from difflib import get_close_matches
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import SKOS

from ..errors import InputError
from ..namespaces import NOTICE, PREFIXES
from .encoding import read_encoding
from .findings import place
from .page import NoticePage, index_page, notice_page

_NOTICES = "SELECT ?notice ?source WHERE { ?notice a dpv:PrivacyNotice . OPTIONAL { ?notice dct:source ?source } }"


def resolve_notice(dataset, value: str) -> URIRef:
    """The notice ``value`` names: its IRI, its id (``council/notice``), a ``data/notices`` file, or its title.

    :raises InputError: one line, with the closest notice ids, when nothing or several match.
    """
    from ..query.resolve import Resolver, normalise

    file = re.fullmatch(r"(?:.*/)?data/notices/([^/]+/[^/]+)\.ttl|([^/\s]+/[^/\s]+)\.ttl", value.strip())
    if file:
        value = str(NOTICE[file.group(1) or file.group(2)])
    resolver = Resolver(dataset)
    try:
        return resolver.resolve("notice", value)
    except InputError as exc:
        names = {name: page_name(str(iri)).removesuffix(".html").replace("--", "/")
                 for iri, labels in resolver.labels("notice").items() for name in labels}
        close = get_close_matches(normalise(value), names, n=12, cutoff=0.4)
        ids = list(dict.fromkeys(names[name] for name in close))[:4] or sorted(set(names.values()))[:4]
        problem = "ambiguous" if "ambiguous" in str(exc) else "unknown"
        raise InputError(f"{problem} notice {value!r}; closest: {', '.join(ids)} "
                         "(see 'sharinggraph query values notice')") from exc


def page_name(notice: str) -> str:
    """The file name of a notice's page: its id with '/' as '--' (``waltham-forest--troubled-families.html``)."""
    return notice.removeprefix(str(NOTICE)).replace("/", "--") + ".html"


def _notices(dataset) -> dict[str, str | None]:
    """Every notice IRI with the IRI of its source text."""
    found: dict[str, str | None] = {}
    for row in dataset.query(_NOTICES, initNs=PREFIXES):
        found[str(row.notice)] = str(row.source) if row.source is not None else found.get(str(row.notice))
    return dict(sorted(found.items()))


def review_notice(dataset, notice: URIRef, records: dict, texts: dict[str, str] | None, findings,
                  sources: dict[str, str | None] | None = None) -> tuple[str, NoticePage]:
    """The review page of ``notice``, and its index entry.

    ``records`` are the source records by IRI; ``texts`` the checked source texts by IRI (None
    when they are not available); ``findings`` the validation findings of every notice;
    ``sources`` every notice's source text IRI (read from the graph when not given).
    """
    encoding = read_encoding(dataset, notice)
    sources = sources if sources is not None else _notices(dataset)
    record = records.get(encoding.source or "")
    context = {
        "file": page_name(encoding.iri),
        "source_title": record.title if record else encoding.source,
        "council": record.council if record else "",
        "address": record.address if record else None,
        "shared_by": sum(1 for source in sources.values() if source == encoding.source),
    }
    text = texts.get(encoding.source or "") if texts is not None else None
    mine = [finding for finding in findings if str(getattr(finding, "notice", "") or "") == encoding.iri]
    return notice_page(encoding, place(mine, encoding, _provision_labels(dataset, mine)), text, context)


def _provision_labels(dataset, findings) -> dict[str, str]:
    """The graph's label of each provision the findings cite, where it has one."""
    labels = {}
    for iri in {str(getattr(f, "source", "") or "") for f in findings} - {""}:
        label = dataset.value(URIRef(iri), SKOS.prefLabel) if iri.startswith(("http://", "https://")) else None
        if label is not None:
            labels[iri] = str(label)
    return labels


def review_all(dataset, folder: Path, records: dict, texts: dict[str, str] | None, findings) -> list[Path]:
    """Write every notice's page and ``index.html`` into ``folder`` (each file atomically)."""
    from ..output import write_file

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot create the folder ({exc.strerror})") from exc
    written, entries = [], []
    sources = _notices(dataset)
    for notice in sources:
        page, entry = review_notice(dataset, URIRef(notice), records, texts, findings, sources)
        written.append(write_file(folder / entry.file, page))
        entries.append(entry)
    written.append(write_file(folder / "index.html", index_page(entries)))
    return written
