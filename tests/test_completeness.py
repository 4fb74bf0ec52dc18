"""Every bulleted list item of an encoded notice's source text is covered by a cited selector.

Deleting the statement that encodes a list item (or unhooking it from its notice) makes this fail.
"""

import json

import pytest

from conftest import ROOT
from sharinggraph.curate.coverage import cited_spans, uncovered_items
from sharinggraph.curate.listitems import list_items
from sharinggraph.namespaces import SGSRC

RECORDS = sorted((ROOT / "data" / "sources").glob("*.json"))


@pytest.mark.parametrize("record", RECORDS, ids=lambda p: p.stem)
def test_every_list_item_is_covered(built, texts, record):
    source = str(SGSRC[json.loads(record.read_text(encoding="utf-8"))["id"]])
    cited = cited_spans(built.loaded.dataset).get(source, [])
    assert cited, f"no notice cites {record.stem}"
    missing = [f"line {item.line}: {item.text}" for item in uncovered_items(texts[source], cited)]
    assert missing == [], f"{record.stem}: list items with no statement"


def test_reader_finds_bullets_and_dashes():
    text = "Heading:\n  • name\n  • date of birth \n- Police\nnot-a-bullet\n"
    assert [(i.line, i.text) for i in list_items(text)] == [(2, "name"), (3, "date of birth"), (4, "Police")]


def test_an_uncited_item_is_reported():
    text = "We share with:\n  • police\n  • health\n"
    police = text.index("police")
    missing = uncovered_items(text, [(police, police + len("police"))])
    assert [(i.line, i.text) for i in missing] == [(3, "health")]
