"""The loader puts each file in its own named graph and refuses malformed Turtle with one line."""

import pytest

from conftest import ROOT
from sharinggraph.errors import InputError
from sharinggraph.load.dataset import load_dataset, project_files
from sharinggraph.namespaces import GRAPH


def test_one_named_graph_per_file():
    loaded = load_dataset(ROOT)
    files = project_files(ROOT)
    assert len(loaded.files) == len(files)
    assert {str(g.identifier) for g in loaded.dataset.graphs() if len(g)} >= {str(iri) for iri in loaded.files}
    notice_graph = loaded.dataset.graph(GRAPH["waltham-forest/childrens-social-care"])
    assert len(notice_graph) > 1000


def test_union_default_graph_sees_every_named_graph():
    loaded = load_dataset(ROOT)
    answer = loaded.dataset.query(
        "ASK { ?n a <https://w3id.org/dpv#PrivacyNotice> . ?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    )
    assert answer.askAnswer


def test_malformed_turtle_names_the_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <urn:x:> .\nex:a ex:b ex:c ;; .\nex:d ex:e \n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_dataset(tmp_path, [bad])
    message = str(caught.value)
    assert message.startswith(f"{bad}: malformed Turtle")
    assert "\n" not in message


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        load_dataset(tmp_path, [tmp_path / "absent.ttl"])
