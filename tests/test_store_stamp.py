"""The store's stamp: a warm open compares sizes and mtimes only, and still notices every real change."""

from __future__ import annotations

import os

from conftest import copy_project

from sharinggraph.store.compiled import inputs_digest, inputs_fingerprint, is_current


def _stamp(root, sources=None) -> dict:
    verified = sources is not None
    return {"fingerprint": inputs_fingerprint(root, sources, verified), "inputs": inputs_digest(root, sources, verified)}


def _notice(root):
    return min((root / "data" / "notices").glob("*/*.ttl"))


def test_unchanged_inputs_are_current_without_hashing(tmp_path, monkeypatch):
    root = copy_project(tmp_path, monkeypatch)
    stamp = _stamp(root)
    # a stamp whose digest is wrong but whose fingerprint matches is taken as current: no file was read
    assert is_current({**stamp, "inputs": "not the digest"}, root, None)


def test_a_touched_file_is_hashed_and_still_current(tmp_path, monkeypatch):
    root = copy_project(tmp_path, monkeypatch)
    stamp = _stamp(root)
    notice = _notice(root)
    os.utime(notice, ns=(notice.stat().st_atime_ns, notice.stat().st_mtime_ns + 10**9))
    assert inputs_fingerprint(root, None, False) != stamp["fingerprint"]
    assert is_current(stamp, root, None)


def test_a_changed_notice_makes_the_store_stale(tmp_path, monkeypatch):
    root = copy_project(tmp_path, monkeypatch)
    stamp = _stamp(root)
    notice = _notice(root)
    notice.write_text(notice.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert not is_current(stamp, root, None)


def test_a_same_size_edit_with_a_new_mtime_makes_the_store_stale(tmp_path, monkeypatch):
    root = copy_project(tmp_path, monkeypatch)
    stamp = _stamp(root)
    notice = _notice(root)
    text = notice.read_text(encoding="utf-8")
    before = notice.stat()
    notice.write_text(text.replace("a", "b", 1), encoding="utf-8")
    os.utime(notice, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    assert notice.stat().st_size == before.st_size
    assert not is_current(stamp, root, None)


def test_texts_verified_or_not_are_different_inputs(tmp_path, monkeypatch):
    root = copy_project(tmp_path, monkeypatch)
    sources = tmp_path / "texts"
    sources.mkdir()
    assert not is_current(_stamp(root), root, sources)
    assert not is_current(_stamp(root, sources), root, None)
