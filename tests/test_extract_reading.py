"""Reading notices for extraction (issue 12): text, HTML, PDF and DOCX made at test time from a
seed text or from words written here, and bad input: one line, exit 2 (3 for the network)."""

from __future__ import annotations

import io
import socket
import time
from pathlib import Path

import pytest
from conftest import SOURCES, needs_sources
from loopback import raw_peer, scripted_endpoint

from sharinggraph.cli import main
from sharinggraph.errors import EndpointError, InputError
from sharinggraph.extract.reading import read_file, read_input
from sharinggraph.extract.structure import blocks

SEED_003 = SOURCES / "003_194cd3b654a8ce70.txt"  # Waltham Forest, Troubled Families


def _seed_lines() -> list[str]:
    return SEED_003.read_text(encoding="utf-8").split("\n")


def _html(lines: list[str]) -> str:
    """The seed wrapped in a page with navigation, a cookie banner and a footer (markup written here)."""
    import html

    body = []
    for line in lines:
        words = html.escape(line)
        if line.startswith("- "):
            body.append(f"<ul><li>{html.escape(line[2:])}</li></ul>")
        elif len(line) < 60 and not line.endswith((".", ":", ";")):
            body.append(f"<h2>{words}</h2>")
        else:
            body.append(f"<p>{words}</p>")
    return ("<!doctype html><html><head><meta charset='utf-8'><title>Troubled Families privacy notice</title>"
            "<script>var tracking = 1;</script></head><body>"
            "<header class='site-header'><a href='/'>Council home</a></header>"
            "<nav><ul><li>Bins and recycling</li><li>Parking permits</li></ul></nav>"
            "<div id='cookie-banner'>We use cookies to improve this website</div>"
            f"<main>{''.join(body)}</main>"
            "<footer><p>Copyright the council, all rights reserved</p></footer></body></html>")


def _one_error_line(capsys, code: int, argv: list[str], words: str) -> str:
    assert main(argv) == code
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0] and words in err[0], err
    return err[0]


@needs_sources
def test_html_keeps_the_notice_and_drops_navigation_banner_and_footer(tmp_path):
    page = tmp_path / "notice.html"
    page.write_text(_html(_seed_lines()), encoding="utf-8")
    document = read_file(page)
    text = document.text
    # lines 18 and 24 of seed 003 survive as list items; the page furniture does not
    assert "Metropolitan Police Service" in text and "Children’s centres and schools" in text
    for furniture in ("Council home", "Bins and recycling", "We use cookies", "Copyright", "tracking"):
        assert furniture not in text
    assert document.title == "Troubled Families privacy notice"
    found = blocks(document)
    headings = [b.text(text) for b in found if b.kind == "heading"]
    assert "Who your information will be shared with (if applicable)" in headings  # line 16
    items = [b.text(text) for b in found if b.kind == "item"]
    assert items[:2] == ["Metropolitan Police Service", "National Probation Trust"]  # lines 18-19


def seed_pdf(path: Path) -> Path:
    """Seed 003 rendered as a PDF with a text layer (fpdf2, DejaVu Sans for its curly quotes)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    for line in _seed_lines():
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@needs_sources
def test_pdf_text_layer_is_read(tmp_path):
    text = read_file(seed_pdf(tmp_path / "notice.pdf")).text
    assert "Metropolitan Police Service" in text  # line 18
    assert "Who your information will be shared with (if applicable)" in text  # line 16


def test_docx_headings_and_list_items_are_marked(tmp_path):
    import docx

    word = docx.Document()
    word.add_heading("Who we share your information with", level=2)
    word.add_paragraph("We share information with:")
    word.add_paragraph("the police", style="List Bullet")
    word.add_paragraph("schools", style="List Bullet")
    path = tmp_path / "notice.docx"
    word.save(str(path))
    document = read_file(path)
    found = blocks(document)
    assert [(b.kind, b.text(document.text)) for b in found] == [
        ("heading", "Who we share your information with"), ("paragraph", "We share information with:"),
        ("item", "the police"), ("item", "schools")]


def test_address_is_fetched_with_its_date_and_sha256():
    page = b"<html><body><main><h2>Who we share your information with</h2><ul><li>police</li></ul></main></body></html>"
    with scripted_endpoint({"/notice": (200, {"Content-Type": "text/html; charset=utf-8"}, page)}) as (base, seen):
        document = read_input(f"{base}/notice")
    assert document.text == "Who we share your information with\npolice"
    assert document.address == f"{base}/notice" and len(document.retrieved) == 10
    import hashlib

    assert document.original_sha256 == hashlib.sha256(page).hexdigest()
    assert seen[0].method == "GET" and "Authorization" not in seen[0].headers


def test_redirect_and_error_status_are_network_failures():
    routes = {"/moved": (302, {"Location": "https://elsewhere.example/"}, b""), "/gone": (500, {}, b"oops")}
    with scripted_endpoint(routes) as (base, _):
        with pytest.raises(EndpointError, match="redirect"):
            read_input(f"{base}/moved")
        with pytest.raises(EndpointError, match="500"):
            read_input(f"{base}/gone")


def test_silent_address_times_out_with_exit_3(capsys, tmp_path):
    def silent(connection: socket.socket, stop):
        stop.wait(5)

    with raw_peer(silent) as base:
        started = time.monotonic()
        _one_error_line(capsys, 3, ["extract", f"{base}/notice", "--council", "Testshire", "--timeout", "0.5",
                                    "-o", str(tmp_path / "d.ttl")], "read timeout")
        assert time.monotonic() - started < 4
    assert not list(tmp_path.iterdir())  # nothing half-written


@pytest.mark.parametrize("name, content, words", [
    ("empty.txt", b"", "empty"),
    ("blank.html", b"  \n ", "empty"),
    ("latin1.txt", "Who we share your information with: caf\xe9s".encode("latin-1"), "not UTF-8"),
    ("utf16.txt", "Who we share".encode("utf-16-le"), "NUL"),
    ("notice.rtf", b"{\\rtf1 hello}", "give a .txt"),
    ("broken.pdf", b"%PDF-1.4 this is not a pdf", "PDF"),
    ("broken.docx", b"PK not a zip", ".docx"),
    ("timetable.html", b"<html><body><main><p>Buses leave every ten minutes.</p><p>Fares are listed below.</p>"
                       b"</main></body></html>", "not a privacy notice"),
])
def test_bad_input_is_one_line_exit_2(capsys, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out"
    out.mkdir()
    _one_error_line(capsys, 2, ["extract", str(path), "--council", "Testshire", "-o", str(out / "d.ttl")], words)
    assert not list(out.iterdir())


def test_pdf_without_text_layer_is_refused(capsys, tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a page with a drawing and no text, as a scan has
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    _one_error_line(capsys, 2, ["extract", str(path), "--council", "Testshire", "-o", str(tmp_path / "d.ttl")],
                    "no text layer")


def test_missing_file_and_other_schemes_are_refused(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_file(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="http"):
        read_input("file:///etc/passwd")
    with pytest.raises(InputError, match="credentials"):
        read_input("http://user:secret@127.0.0.1:9/notice")


@needs_sources
def test_extract_from_an_address_records_it_with_date_and_checksums(tmp_path, capsys):
    import hashlib
    import json

    body = SEED_003.read_bytes()
    routes = {"/tf": (200, {"Content-Type": "text/plain; charset=utf-8"}, body)}
    with scripted_endpoint(routes) as (base, _):
        assert main(["extract", f"{base}/tf", "--council", "London Borough of Waltham Forest",
                     "--service", "Troubled Families", "-o", str(tmp_path / "tf.ttl")]) == 0
    record = json.loads((tmp_path / "tf.source.json").read_text(encoding="utf-8"))
    text = (tmp_path / "tf.txt").read_text(encoding="utf-8")
    assert record["address"] == f"{base}/tf" and len(record["retrieved"]) == 10
    assert record["original_sha256"] == hashlib.sha256(body).hexdigest()
    assert record["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert record["dates"] == {"modified": "2024-12-16", "nextReview": "2025-11-25"}  # seed 003 lines 1-2
