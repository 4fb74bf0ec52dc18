"""A draft on disk: the Turtle, the text as read (what every selector quotes) and the source record
for `curate accept`, written side by side, each atomically: DRAFT.ttl, DRAFT.txt, DRAFT.source.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..output import check_target, write_file
from .draft import Draft, draft_notice
from .reading import read_input


@dataclass(frozen=True)
class DraftFiles:
    """The three files of one draft."""

    turtle: Path
    text: Path
    record: Path

    @classmethod
    def beside(cls, turtle: Path) -> DraftFiles:
        """The files of the draft whose Turtle is ``turtle``."""
        stem = turtle.name[: -len(".ttl")] if turtle.name.endswith(".ttl") else turtle.name
        return cls(turtle, turtle.with_name(stem + ".txt"), turtle.with_name(stem + ".source.json"))

    def check(self) -> None:
        """Refuse targets that are not regular files (or free names) before any work."""
        for path in (self.turtle, self.text, self.record):
            check_target(path)


def extract_to_files(value: str, council: str, root: Path, output: Path | None, gss: str | None = None,
                     service: str | None = None, timeout: float = 20.0, gazetteer=None, register=None,
                     folder: Path | None = None) -> tuple[Draft, DraftFiles]:
    """Read ``value``, draft it and write the draft's three files (to ``output``, or to
    ``<folder or .>/<council>-<notice>.draft.ttl``); the text is written first, the Turtle last."""
    if output is not None:
        DraftFiles.beside(output).check()
    document = read_input(value, timeout)
    draft = draft_notice(document, council, root, gss, service, gazetteer, register)
    files = DraftFiles.beside(output or (folder or Path(".")) / f"{draft.record['id']}.draft.ttl")
    files.check()
    write_file(files.text, document.text)
    write_file(files.record, json.dumps(draft.record, indent=2, ensure_ascii=False) + "\n")
    write_file(files.turtle, draft.turtle)
    return draft, files
