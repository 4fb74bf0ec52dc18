"""Lost lists: every line that announces a list with nothing after it is recorded, never filled in.

The reader finds candidate headings (a line ending in ':' not followed by a list item). A curator
judged each candidate; those that are not lost lists are listed here with the reason, read from
the text. Every other candidate must be quoted by an sg:OmittedText (or sg:OmittedList).
"""

import json

import pytest

from conftest import ROOT
from sharinggraph.curate.listitems import lost_list_headings
from sharinggraph.namespaces import PREFIXES

NOT_LOST = {
    ("000_417e6ee113b7d9fc.txt", 48): "followed by the lawful basis paragraph (line 50)",
    ("003_194cd3b654a8ce70.txt", 26): "followed by the paragraphs about the ONS (lines 27-29)",
    ("004_2d7eb2bdda8ad05d.txt", 30): "followed by the two addresses (lines 31-32)",
    ("004_2d7eb2bdda8ad05d.txt", 40): "followed by the two addresses (lines 41-42)",
    ("004_2d7eb2bdda8ad05d.txt", 63): "followed by the postal address (line 64)",
    ("004_2d7eb2bdda8ad05d.txt", 132): "followed by the address (line 133)",
    ("004_2d7eb2bdda8ad05d.txt", 203): "followed by one paragraph per agency (lines 204-209)",
    ("004_2d7eb2bdda8ad05d.txt", 222): "followed by the e-mail address and telephone number (lines 223-224)",
}

_OMITTED = """
SELECT ?source ?start ?end WHERE {
  ?omitted a/rdfs:subClassOf* sg:OmittedText ;
           prov:wasDerivedFrom [ oa:hasSource ?source ; oa:hasSelector [ oa:start ?start ; oa:end ?end ] ] .
}
"""

RECORDS = sorted((ROOT / "data" / "sources").glob("*.json"))


@pytest.mark.parametrize("record", RECORDS, ids=lambda p: p.stem)
def test_every_lost_list_is_recorded(built, texts, record):
    data = json.loads(record.read_text(encoding="utf-8"))
    source = f"https://w3id.org/sharinggraph/id/source/{data['id']}"
    spans = [(int(r.start), int(r.end)) for r in built.loaded.dataset.query(_OMITTED, initNs=PREFIXES)
             if str(r.source) == source]
    unrecorded = [
        f"line {h.line}: {h.text}" for h in lost_list_headings(texts[source])
        if (data["file"], h.line) not in NOT_LOST and not any(s < h.end and e > h.start for s, e in spans)
    ]
    assert unrecorded == []


def test_judged_not_lost_lines_are_still_candidates(texts):
    """Keeps the table above honest: each entry must still be a candidate in its text."""
    by_file = {json.loads(r.read_text(encoding="utf-8"))["file"]: json.loads(r.read_text(encoding="utf-8"))["id"] for r in RECORDS}
    for (file, line) in NOT_LOST:
        source = f"https://w3id.org/sharinggraph/id/source/{by_file[file]}"
        assert line in {h.line for h in lost_list_headings(texts[source])}, (file, line)


def test_omitted_lists_have_no_items(built):
    """An omission records only its heading: nothing is attached as if it were a list item."""
    query = """SELECT ?omitted WHERE { ?omitted a/rdfs:subClassOf* sg:OmittedText .
               { ?omitted dpv:hasRecipient ?x } UNION { ?omitted dpv:hasDataSource ?x } UNION { ?omitted dpv:hasPersonalData ?x } }"""
    assert list(built.loaded.dataset.query(query, initNs=PREFIXES)) == []
