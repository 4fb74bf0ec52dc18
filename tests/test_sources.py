"""Source records: one per seed text, checksums that match, and clear errors when they do not."""

import json
import shutil

import pytest

from conftest import ROOT, SOURCES, needs_sources
from sharinggraph.errors import InputError
from sharinggraph.load.sources import load_records, read_texts, sha256_of

RECORDS = ROOT / "data" / "sources"


def test_a_record_per_seed_notice():
    records = load_records(RECORDS)
    assert sorted(r.file for r in records.values()) == [
        "000_417e6ee113b7d9fc.txt", "001_58618d6735e90a87.txt", "002_31cb65f2aeb5f986.txt",
        "003_194cd3b654a8ce70.txt", "004_2d7eb2bdda8ad05d.txt",
    ]


@needs_sources
@pytest.mark.parametrize("record", sorted(RECORDS.glob("*.json")), ids=lambda p: p.stem)
def test_checksum_matches_text(record):
    data = json.loads(record.read_text(encoding="utf-8"))
    assert sha256_of(SOURCES / data["file"]) == data["sha256"]


@needs_sources
def test_altered_text_is_refused(tmp_path):
    shutil.copytree(SOURCES, tmp_path / "seeds")
    target = tmp_path / "seeds" / "003_194cd3b654a8ce70.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("2022", "2023"), encoding="utf-8")
    with pytest.raises(InputError, match="003_194cd3b654a8ce70.txt.*altered"):
        read_texts(load_records(RECORDS), tmp_path / "seeds")


@needs_sources
def test_missing_text_is_refused(tmp_path):
    shutil.copytree(SOURCES, tmp_path / "seeds")
    (tmp_path / "seeds" / "000_417e6ee113b7d9fc.txt").unlink()
    with pytest.raises(InputError, match="000_417e6ee113b7d9fc.txt.*missing"):
        read_texts(load_records(RECORDS), tmp_path / "seeds")


def test_record_without_checksum_is_refused(tmp_path):
    (tmp_path / "bad.json").write_text(json.dumps({"id": "x", "file": "x.txt"}), encoding="utf-8")
    with pytest.raises(InputError, match="bad.json.*sha256"):
        load_records(tmp_path)


def test_seed_records_say_their_address_and_retrieval_date_were_not_recorded():
    for record in load_records(RECORDS).values():
        assert record.address is None and record.retrieved is None
        assert "not supplied with the seed copy" in record.note


@pytest.mark.parametrize("key, value, message", [
    ("address", "ftp://example.org/notice", r"'address' must be the notice's http\(s\) address"),
    ("address", "https://example.org/a notice", r"'address' must be the notice's http\(s\) address"),
    ("retrieved", "last week", "'retrieved' must be the retrieval date"),
])
def test_a_bad_address_or_retrieval_date_is_one_line(tmp_path, key, value, message):
    record = json.loads((RECORDS / "wandsworth-childrens-social-care.json").read_text(encoding="utf-8"))
    (tmp_path / "r.json").write_text(json.dumps({**record, key: value}), encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_records(tmp_path)


def test_an_address_and_retrieval_date_become_provenance(tmp_path):
    from rdflib import Literal, URIRef
    from rdflib.namespace import PROV, XSD

    from sharinggraph.load.sources import records_graph

    record = json.loads((RECORDS / "wandsworth-childrens-social-care.json").read_text(encoding="utf-8"))
    address = "https://www.example.gov.uk/childrens-privacy-notice"
    (tmp_path / "r.json").write_text(json.dumps({**record, "address": address, "retrieved": "2025-06-01"}), encoding="utf-8")
    graph = records_graph(load_records(tmp_path))
    assert (None, PROV.hadPrimarySource, URIRef(address)) in graph
    assert (None, PROV.generatedAtTime, Literal("2025-06-01", datatype=XSD.date)) in graph
