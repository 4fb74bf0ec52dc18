"""Generate a synthetic national corpus shaped like the real one: copies of the curated notices.

Usage: .venv/bin/python benchmarks/corpus.py --copies N --out DIR [--seed-root PROJECT]
Writes DIR as a project root (ontology/, data/vocab/, data/notices/, data/sources/) that
``build_dataset(DIR)`` builds. Copy 0 is the seed itself, unchanged; copy k >= 1 is every curated
notice (data/notices/*/*.ttl) again under five new councils ``council-NNNN`` (k*5+1 .. k*5+5):

- the notice and instance namespace ``sgid:notice/<folder>/...`` becomes ``sgid:notice/<synthetic folder>/...``
  (and the named graph ``sgid:graph/<synthetic folder>/<notice>``, from the file's place);
- the seed's local bodies (the five councils, every council service ``org:OrganizationalUnit`` and every
  local partnership ``org:OrganizationalCollaboration``) become per-copy bodies, described in one extra
  vocabulary graph (``data/vocab/synthetic-councils.ttl``): each council with a GSS-like code
  (``E99NNNNNN``) and its area, labels marked "(synthetic NNNN)", everything else as the original says;
  national bodies, vocabularies and the ontology are shared, once;
- the source IRIs become per-copy (``src:<id>--cNNN``) with a record each in data/sources (same
  sha256 and file as the original: the corpus is built without source texts).

Labels of the copies never equal a seed label, so the library's header examples (which name seed
councils, bodies and notices) resolve to the same seed terms at every size. Only the standard
library is used: the generator must not depend on the package it benchmarks.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

MAIN_ROOT = Path(__file__).resolve().parents[1]
NOTICE_NS = "https://w3id.org/sharinggraph/id/notice/"
ORG_NS = "https://w3id.org/sharinggraph/id/org/"
SOURCE_NS = "https://w3id.org/sharinggraph/id/source/"
SEED_COUNCILS = ("barking-and-dagenham", "kensington-and-chelsea", "waltham-forest", "wandsworth", "westminster")
#: which seed councils publish each notice folder
FOLDER_COUNCILS = {
    "barking-and-dagenham": ("barking-and-dagenham",),
    "kensington-chelsea-westminster": ("kensington-and-chelsea", "westminster"),
    "waltham-forest": ("waltham-forest",),
    "wandsworth": ("wandsworth",),
}
SYNTHETIC_VOCAB = "synthetic-councils.ttl"
_NAME = r"[A-Za-z0-9_-]+"


def council_number(copy: int, council: str) -> int:
    """The synthetic council number of a seed council in copy ``copy`` (copy 0: 1..5)."""
    return copy * len(SEED_COUNCILS) + SEED_COUNCILS.index(council) + 1


def folder_name(copy: int, folder: str) -> str:
    """Notice folder of a copy: ``council-0042`` (``council-0042-0045`` for a joint one); copy 0 keeps its name."""
    if copy == 0:
        return folder
    numbers = [council_number(copy, c) for c in FOLDER_COUNCILS[folder]]
    return "council-" + "-".join(f"{n:04d}" for n in numbers)


def body_name(copy: int, body: str) -> str:
    """Local name of a seed local body in copy ``copy``."""
    if body in SEED_COUNCILS:
        return f"council-{council_number(copy, body):04d}"
    return f"c{copy:03d}-{body}"


def source_id(copy: int, source: str) -> str:
    return source if copy == 0 else f"{source}--c{copy:03d}"


# --- The organisations vocabulary, read without rdflib: one block per subject --------------

def _blocks(text: str) -> dict[str, list[str]]:
    """Each ``body:name`` subject block of organisations.ttl (statements end with ' .' at line end)."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        code = line.split("   #", 1)[0].rstrip()  # drop trailing comments after the statement
        if current is None:
            match = re.match(rf"body:({_NAME})\s", code)
            if not match:
                continue
            current = blocks.setdefault(match.group(1), [])
        current.append(code)
        if code.endswith(" .") or code == ".":
            current = None
    return blocks


def local_bodies(blocks: dict[str, list[str]]) -> list[str]:
    """The seed councils, council services and local partnerships: the bodies each copy gets anew."""
    local = set(SEED_COUNCILS)
    for name, lines in blocks.items():
        head = lines[0]
        if re.search(r"\ba org:Organizational(Unit|Collaboration)\b", head):
            local.add(name)
    return sorted(local)


def _mark_labels(line: str, number_text: str) -> str:
    """Append ' (synthetic NNNN)' to every language-tagged literal (labels, and notes with them)."""
    return re.sub(r'"((?:[^"\\]|\\.)*)"@en', lambda m: f'"{m.group(1)} (synthetic {number_text})"@en', line)


def synthetic_vocabulary(prefixes: str, blocks: dict[str, list[str]], local: list[str], copies: int) -> str:
    """The extra vocabulary graph: each copy's local bodies, described as the originals are."""
    body_ref = re.compile(rf"body:({_NAME})")
    out = [
        "# Synthetic councils, council services and local partnerships of the benchmark corpus",
        "# (benchmarks/corpus.py). Generated: do not edit.",
        prefixes,
    ]
    for copy in range(1, copies):
        for body in local:
            if body not in blocks:
                continue
            number = council_number(copy, body) if body in SEED_COUNCILS else copy
            number_text = f"{number:04d}" if body in SEED_COUNCILS else f"copy {copy:03d}"
            for line in blocks[body]:
                line = body_ref.sub(lambda m, copy=copy: "body:" + (body_name(copy, m.group(1)) if m.group(1) in local else m.group(1)), line)
                line = _mark_labels(line, number_text)
                if body in SEED_COUNCILS:  # a GSS-like code and area of its own
                    gss = f"E99{number:06d}"
                    line = re.sub(r'dct:identifier "[^"]*"', f'dct:identifier "{gss}"', line)
                    line = re.sub(r"statistical-geography/[A-Z0-9]+>", f"statistical-geography/{gss}>", line)
                out.append(line)
            out.append("")
    return "\n".join(out) + "\n"


# --- Notices and source records --------------------------------------------------------------

def rewrite_notice(text: str, copy: int, local: set[str]) -> str:
    """A seed notice's Turtle as copy ``copy`` states it (copy 0: unchanged)."""
    if copy == 0:
        return text
    for folder in FOLDER_COUNCILS:
        text = re.sub(rf"{re.escape(NOTICE_NS + folder)}(?=[/>])", NOTICE_NS + folder_name(copy, folder), text)
    text = re.sub(rf"\bbody:({_NAME})", lambda m: "body:" + (body_name(copy, m.group(1)) if m.group(1) in local else m.group(1)), text)
    text = re.sub(rf"\bsrc:({_NAME})", lambda m: "src:" + source_id(copy, m.group(1)), text)
    return text


def rewrite_record(record: dict, copy: int, local: set[str]) -> dict:
    record = dict(record)
    record["id"] = source_id(copy, record["id"])
    if copy:
        controllers = [c.removeprefix(ORG_NS) for c in record.get("controllers", [])]
        record["controllers"] = [ORG_NS + (body_name(copy, c) if c in local else c) for c in controllers]
        record["council"] = " and ".join(f"Synthetic council {council_number(copy, c):04d}" for c in controllers)
    return record


def generate(out: Path, copies: int, seed_root: Path = MAIN_ROOT) -> dict:
    """Write a project root at ``out`` holding ``copies`` copies of the seed (copy 0 is the seed).

    Returns counts: councils, notices, files, bytes of Turtle.
    """
    if copies < 1:
        raise ValueError("copies must be at least 1")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(seed_root / "ontology", out / "ontology")
    (out / "data" / "vocab").mkdir(parents=True)
    for path in sorted((seed_root / "data" / "vocab").glob("*.ttl")):
        shutil.copyfile(path, out / "data" / "vocab" / path.name)
    orgs = (seed_root / "data" / "vocab" / "organisations.ttl").read_text(encoding="utf-8")
    blocks = _blocks(orgs)
    local = local_bodies(blocks)
    prefixes = "\n".join(line for line in orgs.splitlines() if line.startswith("@prefix"))
    if copies > 1:
        (out / "data" / "vocab" / SYNTHETIC_VOCAB).write_text(
            synthetic_vocabulary(prefixes, blocks, local, copies), encoding="utf-8")
    notices = sorted((seed_root / "data" / "notices").glob("*/*.ttl"))
    texts = {path: path.read_text(encoding="utf-8") for path in notices}
    records = {path.name: json.loads(path.read_text(encoding="utf-8"))
               for path in sorted((seed_root / "data" / "sources").glob("*.json"))}
    (out / "data" / "sources").mkdir(parents=True)
    size = 0
    local_set = set(local)
    for copy in range(copies):
        for path, text in texts.items():
            folder = out / "data" / "notices" / folder_name(copy, path.parent.name)
            folder.mkdir(parents=True, exist_ok=True)
            data = rewrite_notice(text, copy, local_set)
            (folder / path.name).write_text(data, encoding="utf-8")
            size += len(data.encode("utf-8"))
        for record in records.values():
            new = rewrite_record(record, copy, local_set)
            (out / "data" / "sources" / f"{new['id']}.json").write_text(json.dumps(new, indent=2), encoding="utf-8")
    return {"copies": copies, "councils": copies * len(SEED_COUNCILS), "notices": copies * len(notices),
            "notice_bytes": size, "local_bodies_per_copy": len(local)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, required=True, help="copies of the seed (councils = 5 x copies)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    parser.add_argument("--seed-root", type=Path, default=MAIN_ROOT, help="project root to copy the seed from")
    args = parser.parse_args()
    print(json.dumps(generate(args.out, args.copies, args.seed_root)))


if __name__ == "__main__":
    main()
