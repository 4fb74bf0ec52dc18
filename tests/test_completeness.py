"""Every bulleted list item of an encoded notice's source text is covered by a cited selector.

Deleting the statement that encodes a list item (or unhooking it from its notice) makes this fail.
"""

import pytest

from conftest import NOTICE_FILES, ROOT
from sharinggraph.completeness import cited_spans, uncovered_items
from sharinggraph.graph import graph_iri_for
from sharinggraph.listitems import list_items


@pytest.mark.parametrize("path", NOTICE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_list_item_is_covered(built, texts, path):
    spans = cited_spans(built.loaded.dataset, graph_iri_for(ROOT, path))
    assert spans, f"{path.name} cites no source text"
    for source, cited in spans.items():
        missing = [f"line {item.line}: {item.text}" for item in uncovered_items(texts[source], cited)]
        assert missing == [], f"{path.name}: list items with no statement"


def test_reader_finds_bullets_and_dashes():
    text = "Heading:\n  • name\n  • date of birth \n- Police\nnot-a-bullet\n"
    assert [(i.line, i.text) for i in list_items(text)] == [(2, "name"), (3, "date of birth"), (4, "Police")]


def test_an_uncited_item_is_reported():
    text = "We share with:\n  • police\n  • health\n"
    police = text.index("police")
    missing = uncovered_items(text, [(police, police + len("police"))])
    assert [(i.line, i.text) for i in missing] == [(3, "health")]
