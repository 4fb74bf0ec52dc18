"""Property-based tests (hypothesis): the output writer, the selector check, the parameter resolver."""

import errno
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

from sharinggraph.errors import InputError
from sharinggraph import output
from sharinggraph.output import write_file
from sharinggraph.namespaces import OA, PROV
from sharinggraph.load.provenance import Citation, check_citation, citations
from sharinggraph.query.resolve import Resolver

relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
names = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=40) \
    .filter(lambda n: n not in (".", "..") and len(n.encode("utf-8")) < 200)
contents = st.one_of(st.text(), st.binary())
KINDS = ("absent", "file", "link-to-file", "folder", "pipe", "link-to-folder", "dangling-link")


def _prepare(folder: Path, name: str, kind: str) -> Path:
    target = folder / name
    if kind == "file":
        target.write_bytes(b"old")
    elif kind == "link-to-file":
        (folder / "real").write_bytes(b"old")
        target.symlink_to(folder / "real")
    elif kind == "folder":
        target.mkdir()
    elif kind == "pipe":
        os.mkfifo(target)
    elif kind == "link-to-folder":
        (folder / "real").mkdir()
        target.symlink_to(folder / "real")
    elif kind == "dangling-link":
        target.symlink_to(folder / "nothing")
    return target


def _state(folder: Path) -> dict:
    return {p.name: (p.is_symlink(), p.is_dir(), p.read_bytes() if p.is_file() else None) for p in folder.iterdir()}


@relaxed
@given(name=names, content=contents, kind=st.sampled_from(KINDS))
def test_the_writer_writes_regular_files_and_refuses_the_rest(name, content, kind):
    assume(name not in ("real", "nothing"))
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        target = _prepare(folder, name, kind)
        before = _state(folder)
        expected = content.encode("utf-8") if isinstance(content, str) else content
        if kind in ("absent", "file", "link-to-file"):
            written = write_file(target, content)
            assert written.read_bytes() == expected and written.is_file() and not written.is_symlink()
            assert target.is_symlink() == (kind == "link-to-file")
            assert sorted(p.name for p in folder.iterdir()) == sorted({*before, name})  # no temporary file left
        else:
            with pytest.raises(InputError):
                write_file(target, content)
            assert _state(folder) == before


@relaxed
@given(content=contents, fail_at=st.integers(0, 3), code=st.sampled_from([errno.ENOSPC, errno.EIO, errno.EDQUOT]))
def test_a_failed_write_leaves_the_old_file_and_no_temporary(content, fail_at, code, monkeypatch):
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "out.txt"
        target.write_bytes(b"old")
        steps = {"write": output.os.write, "fchmod": output.os.fchmod, "fsync": output.os.fsync,
                 "replace": output.os.replace}
        name = list(steps)[fail_at]

        def fail(*args):
            raise OSError(code, os.strerror(code))

        expected = content.encode("utf-8") if isinstance(content, str) else content
        with monkeypatch.context() as patch:
            patch.setattr(output.os, name, fail)
            try:
                write_file(target, content)
            except InputError as exc:
                assert str(exc) == f"{target}: cannot write ({os.strerror(code)})"
                expected = b"old"
            else:
                assert name == "write" and not content  # nothing to write: os.write is never called
        assert os.listdir(scratch) == ["out.txt"] and target.read_bytes() == expected


@given(text=st.text(max_size=60), start=st.integers(-3, 70), end=st.integers(-3, 70), quote=st.text(max_size=10))
def test_a_span_passes_exactly_when_it_holds_its_quote(text, start, end, quote):
    citation = Citation(None, "urn:x:s", "urn:x:t", "urn:x:src", (quote,), ((start, end),))
    problems = check_citation(citation, text)
    holds = 0 <= start < end <= len(text) and text[start:end] == quote
    assert (problems == []) == holds
    assert all("\n" not in p for p in problems)


@given(text=st.text(min_size=1, max_size=60), data=st.data(), extra=st.text(max_size=10))
def test_every_quote_of_a_span_is_checked(text, data, extra):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    for quotes in ((text[start:end], extra), (extra, text[start:end])):
        problems = check_citation(Citation(None, "urn:x:s", "urn:x:t", "urn:x:src", quotes, ((start, end),)), text)
        assert (problems == []) == (extra == text[start:end])
        assert problems == [] or repr(extra) in problems[0]


offsets = st.one_of(
    st.integers(-5, 80).map(Literal),
    st.text(max_size=5).map(Literal),
    st.text(max_size=5).map(lambda t: Literal(t, datatype=XSD.integer)),
    st.decimals(allow_nan=False, allow_infinity=False, places=1).map(Literal),
    st.booleans().map(Literal),
)


@settings(deadline=None)
@given(text=st.text(max_size=40), quotes=st.lists(st.text(max_size=8), max_size=3),
       positions=st.lists(st.tuples(offsets, offsets), max_size=3))
def test_reading_selectors_never_raises_and_every_one_is_counted(text, quotes, positions):
    dataset = Dataset()
    graph = dataset.graph(URIRef("urn:x:graph"))
    target = URIRef("urn:x:target")
    graph.add((URIRef("urn:x:statement"), PROV.wasDerivedFrom, target))
    graph.add((target, OA.hasSource, URIRef("urn:x:src")))
    for i, quote in enumerate(quotes):
        graph.add((target, OA.hasSelector, URIRef(f"urn:x:q{i}")))
        graph.add((URIRef(f"urn:x:q{i}"), OA.exact, Literal(quote)))
    for i, (start, end) in enumerate(positions):
        graph.add((target, OA.hasSelector, URIRef(f"urn:x:p{i}")))
        graph.add((URIRef(f"urn:x:p{i}"), OA.start, start))
        graph.add((URIRef(f"urn:x:p{i}"), OA.end, end))
    found = citations(dataset, {})
    if not quotes and not positions:
        assert found == []
        return
    problems = check_citation(found[0], text)
    assert len(found) == 1 and all(isinstance(p, str) and "\n" not in p for p in problems)
    assert sorted(found[0].quotes) == sorted(quotes)
    assert len(found[0].positions) == len(positions) or found[0].malformed


@pytest.fixture(scope="module")
def resolver(built):
    return Resolver(built.loaded.dataset)


def _values(resolver, kind):
    labels = sorted({name for names in resolver.labels(kind).values() for name in names})
    known = st.sampled_from(labels)
    return st.one_of(
        st.text(max_size=30),
        known,
        st.tuples(known, st.sampled_from(["", " ", "The ", "s.11 ", "section 3 of "]), st.booleans()).map(
            lambda t: (t[1] + t[0]).upper() if t[2] else t[1] + t[0]),
        st.tuples(known, st.integers(0, 3)).map(lambda t: t[0][: max(1, len(t[0]) - t[1])]),
        st.sampled_from([str(iri) for iri in resolver.labels(kind)]),
        st.just("http://example.org/not-a-candidate"),
    )


@pytest.mark.parametrize("kind", ["gateway", "category", "council", "notice", "recipient"])
def test_the_resolver_returns_a_candidate_or_says_why_not(resolver, kind):
    candidates = set(resolver.labels(kind))

    @settings(deadline=None, max_examples=150)
    @given(value=_values(resolver, kind))
    def check(value):
        try:
            found = resolver.resolve(kind, value)
        except InputError as exc:
            assert "\n" not in str(exc)
        else:
            assert found in candidates

    check()


json_values = st.recursive(
    st.one_of(st.text(), st.integers(), st.booleans(), st.builds(lambda t: {"@id": t}, st.text())),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=8)


@given(value=json_values)
def test_json_ld_values_sort_by_the_text_json_writes_for_them(value):
    """The JSON-LD writer orders a key's values by their JSON text, computed without the encoder for strings
    and node references: it must be exactly what json.dumps writes (any character, escapes included)."""
    import json

    from sharinggraph.export.rdf import _json_text

    assert _json_text(value) == json.dumps(value, sort_keys=True, ensure_ascii=False)
