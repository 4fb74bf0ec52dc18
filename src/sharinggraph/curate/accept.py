"""Files a reviewed extraction draft as a curated notice: data/notices/<council>/<notice>.ttl, its
record data/sources/<id>.json and its text (as read) in the sources folder, after checking that the
draft parses, that its text is the one its selectors quote, and that no candidate awaits review."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..inputs import MEGABYTE, read_bytes, read_text

NOTICE = "https://w3id.org/sharinggraph/id/notice/"


@dataclass(frozen=True)
class Accepted:
    """Where an accepted draft was filed."""

    notice: Path
    record: Path
    text: Path
    candidates: int


def accept_draft(draft: Path, root: Path, sources: Path, allow_candidates: bool = False) -> Accepted:
    """File ``draft`` (with its .txt and .source.json beside it) into the project at ``root``.

    :raises InputError: a missing or unreadable file, a draft that does not parse, a text that is
        not the draft's, unreviewed candidates (unless ``allow_candidates``), or a notice or
        record that already exists.
    """
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF

    from ..extract.files import DraftFiles
    from ..namespaces import DPV, SG
    from ..output import check_target, write_file

    files = DraftFiles.beside(draft)
    turtle = read_text(files.turtle, "draft", 16 * MEGABYTE)
    text = read_bytes(files.text, "text of the draft", 64 * MEGABYTE)
    try:
        record = json.loads(read_text(files.record, "source record of the draft"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{files.record}: not a readable JSON source record ({exc.msg})") from None
    graph = Graph()
    try:
        graph.parse(data=turtle, format="turtle")
    except Exception as exc:  # rdflib raises several kinds for bad Turtle
        raise InputError(f"{files.turtle}: not valid Turtle ({' '.join(str(exc).split())[:160]})") from None
    if not isinstance(record, dict) or not isinstance(record.get("id"), str) or record.get("sha256") != hashlib.sha256(text).hexdigest():
        raise InputError(f"{files.text}: not the text this draft quotes (its sha256 differs from {files.record.name})")
    candidates = len(set(graph.subjects(SG.needsReview, Literal(True))))
    if candidates and not allow_candidates:
        raise InputError(f"{files.turtle}: {candidates} candidate(s) flagged sg:needsReview await review "
                         "(map or add them, then remove the flag; or --allow-candidates)")
    notices = [str(s) for s in graph.subjects(RDF.type, DPV.PrivacyNotice) if str(s).startswith(NOTICE)]
    if len(notices) != 1 or len(notices[0][len(NOTICE):].split("/")) != 2:
        raise InputError(f"{files.turtle}: a draft declares exactly one notice <{NOTICE}COUNCIL/NOTICE>")
    council, name = notices[0][len(NOTICE):].split("/")
    targets = (root / "data" / "notices" / council / f"{name}.ttl", root / "data" / "sources" / f"{record['id']}.json",
               sources / f"{record['id']}.txt")
    for target in targets:
        if target.exists():
            raise InputError(f"{target}: already exists; remove it first to replace that notice")
    if not sources.is_dir():
        raise InputError(f"{sources}: sources folder does not exist (give --sources)")
    targets[0].parent.mkdir(exist_ok=True)
    for target in targets:
        check_target(target)
    filed = {**record, "file": f"{record['id']}.txt"}
    write_file(targets[2], text)
    write_file(targets[1], json.dumps(filed, indent=2, ensure_ascii=False) + "\n")
    write_file(targets[0], turtle)
    return Accepted(targets[0], targets[1], targets[2], candidates)
