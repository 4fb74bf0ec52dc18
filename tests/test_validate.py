"""Data shapes: each fires on its violating fixtures, none fires on the conforming ones or real data."""

from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

from conftest import ROOT
from sharinggraph.cli import main
from sharinggraph.load.dataset import parse_turtle
from sharinggraph.namespaces import SGSH
from sharinggraph.validate.shacl import data_shapes, validate_dataset

FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
SHAPES = data_shapes(ROOT)


AS_OF = date(2026, 11, 22)


def _validate(path: Path):
    dataset = Dataset()
    parse_turtle(path, dataset.graph(URIRef(path.as_uri())))
    return validate_dataset(dataset, SHAPES, AS_OF)


@pytest.mark.parametrize("path", sorted((FIXTURES / "violates").glob("*.ttl")), ids=lambda p: p.stem)
def test_violating_fixture_fires_its_shape(path):
    shape = str(SGSH[path.stem.split("--")[0]])
    fired = {f.shape for f in _validate(path).findings}
    assert shape in fired, fired


@pytest.mark.parametrize("path", sorted((FIXTURES / "conforms").glob("*.ttl")), ids=lambda p: p.stem)
def test_conforming_fixture_passes(path):
    assert _validate(path).findings == ()


def test_every_node_shape_has_a_violating_fixture():
    from rdflib.namespace import RDF, SH

    targeted = {s for s in SHAPES.subjects(RDF.type, SH.NodeShape)
                if any((s, p, None) in SHAPES for p in (SH.targetClass, SH.targetObjectsOf, SH.targetSubjectsOf, SH.targetNode))}
    covered = {SGSH[p.stem.split("--")[0]] for p in (FIXTURES / "violates").glob("*.ttl")}
    assert sorted(targeted - covered) == []


def test_every_shape_documents_itself():
    from rdflib.namespace import DCTERMS, RDF, SH

    for shape in SHAPES.subjects(RDF.type, SH.NodeShape):
        if (shape, SH.targetClass, None) in SHAPES or (shape, SH.targetObjectsOf, None) in SHAPES:
            assert SHAPES.value(shape, DCTERMS.source) is not None, shape


def test_every_shape_has_message_and_severity():
    from rdflib.namespace import RDF, SH

    for shape in SHAPES.subjects(RDF.type, SH.NodeShape):
        if (shape, SH.targetClass, None) not in SHAPES and (shape, SH.targetObjectsOf, None) not in SHAPES \
                and (shape, SH.targetSubjectsOf, None) not in SHAPES:
            continue
        constraints = [shape, *SHAPES.objects(shape, SH.property), *SHAPES.objects(shape, SH.sparql)]
        assert any((c, SH.message, None) in SHAPES for c in constraints), shape
        assert any((c, SH.severity, None) in SHAPES for c in [shape, *SHAPES.objects(shape, SH.property)]), shape


@pytest.mark.parametrize("argv, message", [
    (["validate", "--severity", "loud"], "invalid choice: 'loud'"),
    (["validate", "--as-of", "22/11/2026"], "is not a date"),
])
def test_bad_validate_options_exit_2(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_unparseable_shapes_file_exits_2(tmp_path, monkeypatch, capsys):
    import shutil

    project = tmp_path / "project"
    for folder in ("ontology", "data"):
        shutil.copytree(ROOT / folder, project / folder)
    (project / "ontology" / "shapes" / "broken.shacl.ttl").write_text("sgsh:x a [ .", encoding="utf-8")
    monkeypatch.setenv("SHARINGGRAPH_HOME", str(project))
    assert main(["validate"]) == 2
    assert "broken.shacl.ttl: malformed Turtle" in capsys.readouterr().err
