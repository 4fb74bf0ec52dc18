"""The review pages (`sharinggraph review`): spans at their selectors' offsets, lost lists, findings
in the margin, escaping, and the page in headless Chromium (offline; click, hover and focus).

Expected offsets and quotes come from reading the notices: the MASH notice is seed 004 lines
196-227 (data/notices/kensington-chelsea-westminster/mash.ttl), the Barking and Dagenham notice
seed 001 (data/notices/barking-and-dagenham/childrens-social-care.ttl).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from rdflib import URIRef

from conftest import ROOT, SOURCES, chromium_dom, needs_sources
from sharinggraph.cli import main
from sharinggraph.load.build import load_texts
from sharinggraph.review.build import review_all, review_notice
from sharinggraph.review.encoding import NoticeEncoding, Span, Statement, Value
from sharinggraph.review.findings import place
from sharinggraph.review.markup import Highlight, line_starts, marked_text
from sharinggraph.review.page import notice_page

NOTICE = "https://w3id.org/sharinggraph/id/notice/"
MASH = NOTICE + "kensington-chelsea-westminster/mash"
BARKING = NOTICE + "barking-and-dagenham/childrens-social-care"
FAMILY_HUBS = NOTICE + "kensington-chelsea-westminster/family-hubs"
KCW_TEXT = "https://w3id.org/sharinggraph/id/source/kensington-chelsea-westminster-childrens-services"



class _TextMap(HTMLParser):
    """Where each highlight of a page's #text lies, as offsets counted from the first line shown."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = self.skip = False
        self.chars, self.first_line, self.stack = 0, None, []
        self.pieces: list[tuple[str, int, int, tuple[str, ...]]] = []  # (highlight, start, end, enclosing)
        self.members: dict[str, str] = {}  # highlight -> its data-s
        self.kinds: dict[str, str] = {}
        self.lost_at: list[int] = []
        self.statements: dict[str, str] = {}  # encoding section id -> statement IRI
        self._section = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("id") == "text":
            self.inside = True
        elif tag == "section" and attrs.get("id", "").startswith("s"):
            self._section = attrs["id"]
        elif tag == "code" and self._section and self._section not in self.statements:
            self.statements[self._section] = ""
        elif self.inside and tag == "mark":
            self.stack.append((attrs["data-h"], self.chars, tuple(entry[0] for entry in self.stack)))
            self.members[attrs["data-h"]] = attrs["data-s"]
            self.kinds[attrs["data-h"]] = attrs["class"]
        elif self.inside and tag == "span":
            self.skip = True
            if attrs.get("class") == "lost":
                self.lost_at.append(self.chars)
            if attrs.get("class") == "ln" and self.first_line is None:
                self.first_line = int(attrs["data-n"])

    def handle_endtag(self, tag):
        if self.inside and tag == "mark":
            highlight, start, enclosing = self.stack.pop()
            self.pieces.append((highlight, start, self.chars, enclosing))
        elif self.inside and tag == "span":
            self.skip = False
        elif tag == "div" and self.inside and not self.stack:
            self.inside = False
        elif tag == "section":
            self._section = None

    def handle_data(self, data):
        if self._section and self.statements.get(self._section) == "":
            self.statements[self._section] = data
        if self.inside and not self.skip:
            self.chars += len(data)

    def spans(self, text: str) -> dict[str, tuple[int, int, set[str]]]:
        """Each highlight's absolute offsets in ``text`` and the highlights enclosing it."""
        base = line_starts(text)[self.first_line - 1]
        found: dict[str, tuple[int, int, set[str]]] = {}
        for highlight, start, end, enclosing in self.pieces:
            low, high, outer = found.get(highlight, (start + base, end + base, set()))
            found[highlight] = (min(low, start + base), max(high, end + base), outer | set(enclosing))
        return found

    def highlight_of(self, statement: str) -> list[str]:
        """The highlights whose spans encode ``statement``."""
        section = next(s for s, iri in self.statements.items() if iri == statement)
        return [h for h, members in self.members.items() if section in members.split()]


@pytest.fixture(scope="module")
def store():
    from sharinggraph.store.folder import compiled_store

    return compiled_store(None, SOURCES)


@pytest.fixture(scope="module")
def inputs():
    records, texts, _ = load_texts(ROOT, SOURCES)
    return records, texts


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    from sharinggraph.review.findings import run_validation

    return run_validation(ROOT, tmp_path_factory.mktemp("validation-cache"))


def _page(store, inputs, findings, notice):
    records, texts = inputs
    return review_notice(store, URIRef(notice), records, texts, findings)


def _mapped(page: str) -> _TextMap:
    parsed = _TextMap()
    parsed.feed(page)
    return parsed


@needs_sources
def test_statements_are_highlighted_at_their_selector_offsets(store, inputs, findings):
    page, entry = _page(store, inputs, findings, MASH)
    text = inputs[1][KCW_TEXT]
    parsed = _mapped(page)
    spans = parsed.spans(text)
    # seed 004 line 201: "Personal demographic information, for example your name, ... may be collected."
    # (:holds-name cites the whole sentence and, inside it, "your name")
    sentence, name = (42171, 42306), (42217, 42226)
    assert text[name[0]:name[1]] == "your name"
    holders = parsed.highlight_of(MASH + "/holds-name")
    assert sorted(spans[h][:2] for h in holders) == sorted([sentence, name])
    inner = next(h for h in holders if spans[h][:2] == name)
    outer = next(h for h in holders if spans[h][:2] == sentence)
    assert outer in spans[inner][2]  # nested: the name inside the sentence, both whole
    assert "k-category" in parsed.kinds[inner]
    # line 197: the risk assessment to the three front doors, one span for three flows (recipients)
    doors = parsed.highlight_of(MASH + "/share-front-door-westminster")
    assert (41167, 41332) in [spans[h][:2] for h in doors]
    shared = next(h for h in doors if spans[h][:2] == (41167, 41332))
    members = {parsed.statements[s] for s in parsed.members[shared].split()}
    assert members == {MASH + f"/share-front-door-{door}" for door in ("westminster", "kensington-and-chelsea",
                                                                        "hammersmith-and-fulham")}
    assert "k-recipient" in parsed.kinds[shared]
    # what is not encoded is not highlighted: line 197's "The “front door” refers to the separate teams ..."
    front_door = text.index("The “front door” refers to")
    assert not any(low <= front_door < high for low, high, _ in spans.values())
    # the page shows the notice's own lines (196-226 of the nine-notice page), not the whole page
    assert parsed.first_line == 196 and "lines 196–226" in page
    assert entry.highlighted == len(spans)


@needs_sources
def test_a_lost_list_is_marked_where_it_was_lost(store, inputs, findings):
    page, entry = _page(store, inputs, findings, MASH)
    text = inputs[1][KCW_TEXT]
    parsed = _mapped(page)
    base = line_starts(text)[parsed.first_line - 1]
    lost = sorted(base + at for at in parsed.lost_at)
    # seed 004 line 200 announces "the following agencies" and nothing follows (42048-42170); line 198
    # ends "in order to:" (41667-41679); line 218 "by law you have the right to:" (47719-47791)
    assert lost == [41679, 42170, 47791]
    assert entry.lost == 3
    spans = parsed.spans(text)
    agencies = parsed.highlight_of(MASH + "/agencies-lost")
    assert [spans[h][:2] for h in agencies] == [(42048, 42170)] and "k-lost" in parsed.kinds[agencies[0]]
    # line 203 "Some of the agencies we may contact are:" is followed by its paragraphs (204-209): not lost
    line_203_end = text.index("Some of the agencies we may contact are:") + len("Some of the agencies we may contact are:")
    assert line_203_end not in lost


@needs_sources
def test_a_lost_passage_is_marked_as_a_passage(store, inputs, findings):
    page, entry = _page(store, inputs, findings, NOTICE + "waltham-forest/troubled-families")
    text = inputs[1]["https://w3id.org/sharinggraph/id/source/waltham-forest-troubled-families"]
    parsed = _mapped(page)
    base = line_starts(text)[parsed.first_line - 1]
    # seed 003 line 42 ends "you contact him by email at" (4450-4477): the DPO's address was lost
    # (sg:OmittedText); line 40 "Associated documents" is a heading whose list was lost (sg:OmittedList)
    assert text[4450:4477] == "you contact him by email at" and base + parsed.lost_at[-1] == 4477
    assert re.search(r'>you contact him by email at</mark><span class="lost"[^>]*>passage lost</span>', page)
    assert re.search(r'>Associated documents</mark><span class="lost"[^>]*>list lost</span>', page)
    assert entry.lost == len(parsed.lost_at) == 2


@needs_sources
def test_findings_sit_in_the_margin_at_their_focus_span(store, inputs, findings):
    page, _ = _page(store, inputs, findings, BARKING)
    parsed = _mapped(page)
    spans = parsed.spans(inputs[1][str(URIRef("https://w3id.org/sharinggraph/id/source/barking-and-dagenham-childrens-social-care"))])
    # seed 001 line 68 "Article 9(b) Employment, ..." (4968-5053) is cited without its paragraph: the
    # Art9Citation finding's focus is :condition-a9-2-b, so its note sits at that span
    [citation] = [h for h in parsed.highlight_of(BARKING + "/condition-a9-2-b")]
    assert spans[citation][:2] == (4968, 5053)
    notes = re.findall(r'<div class="note sev-(\w+)" data-at="h(\d+)"[^>]*>(.*?)</div>', page)
    assert ("violation", citation) in {(sev, at) for sev, at, body in notes if "Art9Citation" in body}
    # a finding of an absence (no DPO contact) carries the section where the item was expected as its
    # evidence (issue 11 item 2), so it too sits in the margin, at that section's opening, not at the top
    assert any("DpoContact" in body for _, _, body in notes)
    top = page[page.index('class="top-notes"'):page.index('id="text"')] if 'class="top-notes"' in page else ""
    assert "DpoContact" not in top
    # a focus with no selector of its own sits at its holder's: family hubs' retention rule "until
    # December 2021" (seed 004 line 108, 25200-25459) has ended, and its note sits at the retention sentence
    page, _ = _page(store, inputs, findings, FAMILY_HUBS)
    parsed = _mapped(page)
    spans = parsed.spans(inputs[1][KCW_TEXT])
    notes = re.findall(r'<div class="note sev-(\w+)" data-at="h(\d+)"[^>]*>(.*?)</div>', page)
    [(_, at, _)] = [note for note in notes if "RetentionEndPassed" in note[2]]
    assert spans[at][:2] == (25200, 25459)


def _escape_fixture() -> tuple[NoticeEncoding, str]:
    text = ('Intro line\nWe share <script>document.body.setAttribute("data-pwned", "1")</script> with '
            '<b>the police</b> & "others".\nLast line\n')
    start = text.index("<script>")
    end = text.index("</script>") + len("</script>")
    statement = Statement(
        "https://example.org/notice/flow", "recipient", "Sharing (recipients)", ["Personal Data Process"],
        [Value("https://w3id.org/dpv#hasRecipient", "has recipient", "https://example.org/x",
               '</dd><script>document.body.setAttribute("data-pwned", "2")</script>')],
        [Span(start, end, text[start:end])])
    return NoticeEncoding("https://example.org/notice", "Notice <i>title</i>", None, [statement]), text


def test_notice_text_is_escaped(tmp_path):
    encoding, text = _escape_fixture()
    page, _ = notice_page(encoding, [], text, {"shared_by": 1, "file": "x.html"})
    assert '<script>document.body' not in page and "&lt;script&gt;document.body" in page
    path = tmp_path / "escaped.html"
    path.write_text(page, encoding="utf-8")
    dom = chromium_dom(f"file://{path}#click=h0", tmp_path / "profile", offline=True)
    assert 'data-selected="0"' in dom  # the page's own script ran (and the click reached the highlight)
    assert 'data-pwned="' not in dom  # the notice's did not (its text is shown, as text), in the text or the encoding
    assert "&lt;script&gt;document.body.setAttribute" in dom and "&lt;b&gt;the police&lt;/b&gt; &amp;" in dom


@needs_sources
def test_page_works_offline_and_shows_the_encoding_on_click_hover_and_focus(store, inputs, findings, tmp_path):
    from devtools import Browser

    page, _ = _page(store, inputs, findings, MASH)
    assert not re.search(r"<(?:script|img|link|iframe)[^>]+(?:src|href)=", page)
    assert "default-src 'none'" in page  # the page may not load anything, even if a change tried to
    path = tmp_path / "mash.html"
    path.write_text(page, encoding="utf-8")
    parsed = _mapped(page)
    spans = parsed.spans(inputs[1][KCW_TEXT])
    # line 197: the span of the three front-door flows; line 196: the MASH asks the Met Police and the NHS
    doors = next(h for h in parsed.highlight_of(MASH + "/share-front-door-westminster") if spans[h][:2] == (41167, 41332))
    police = next(h for h in parsed.highlight_of(MASH + "/request-met-police") if spans[h][:2] == (40182, 40343))
    browser = Browser(tmp_path / "profile")
    try:
        browser.open(f"file://{path}")
        assert browser.requests() == [f"file://{path}"]  # the page itself and nothing else
        panel = "document.getElementById('panel-body').textContent"
        selected = "document.body.getAttribute('data-selected')"
        browser.click(*browser.centre_of(f"#h{doors}"))  # a mouse click on the highlight
        assert browser.evaluate(selected) == doors
        shown = browser.evaluate(panel)
        assert MASH + "/share-front-door-westminster" in shown and "Hammersmith and Fulham children" in shown
        # the derived links with their tiers: the gateways of lines 210-211 are notice-wide; the police
        # information reaches the front doors as stated, via the MASH risk assessment (line 212)
        assert "notice-wide" in shown and "via MASH risk assessment" in shown
        assert MASH + "/request-met-police" not in shown  # another span's statement is not shown
        browser.key("Escape", "Escape", 27)
        assert browser.evaluate(selected) is None
        browser.hover(*browser.centre_of(f"#h{police}"))  # hovering shows another span's encoding
        assert browser.evaluate(selected) == police and MASH + "/request-met-police" in browser.evaluate(panel)
        browser.key("Escape", "Escape", 27)
        browser.key("Tab", "Tab", 9)  # the keyboard reaches a highlight, and focusing it shows its encoding
        focused = browser.evaluate("document.activeElement.getAttribute('data-h')")
        assert focused is not None and browser.evaluate(selected) == focused
        assert browser.evaluate("performance.getEntriesByType('resource').length") == 0
    finally:
        browser.close()
    assert browser.requests() == [f"file://{path}"]


def test_crossing_spans_nest_and_keep_their_offsets():
    text = "abcdefghij\nklmno"
    marked = marked_text(text, [Highlight(0, 6, 0, "category"), Highlight(3, 9, 1, "purpose")], 1, 2)
    parsed = _TextMap()
    parsed.feed(f'<div id="text">{marked}</div>')
    assert parsed.spans(text)["0"][:2] == (0, 6) and parsed.spans(text)["1"][:2] == (3, 9)
    assert marked.count('id="h1"') == 1  # the crossing span is split, and focusable once


@needs_sources
def test_without_source_texts_the_encoding_is_listed_by_section(store, inputs, findings):
    records, _ = inputs
    page, entry = review_notice(store, URIRef(MASH), records, None, findings)
    assert 'class="no-text"' in page and 'id="text"' not in page and not entry.has_text
    assert "<h2>Lost from the captured page</h2>" in page and "<h2>Sharing (recipients)</h2>" in page
    # line 200's lost list is listed with its quote
    assert "We may collect information from the following agencies either by email" in page


@needs_sources
def test_every_notice_has_a_page_and_the_index_links_them(store, inputs, findings, tmp_path):
    records, texts = inputs
    written = review_all(store, tmp_path / "review", records, texts, findings)
    notices = sorted((ROOT / "data" / "notices").glob("*/*.ttl"))
    assert len(written) == len(notices) + 1
    index = (tmp_path / "review" / "index.html").read_text(encoding="utf-8")
    for path in notices:
        name = f"{path.parent.name}--{path.stem}.html"
        assert f'href="{name}"' in index and (tmp_path / "review" / name).is_file()


@needs_sources
def test_unknown_notice_is_one_line_and_exit_2(tmp_path, capsys):
    target = tmp_path / "page.html"
    assert main(["review", "troubled-famlies", "-o", str(target), "--sources", str(SOURCES)]) == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith("sharinggraph: error: unknown notice 'troubled-famlies'; closest: waltham-forest/troubled-families")
    assert not target.exists()
    assert main(["review", "mash", "--sources", str(SOURCES)]) == 2  # no -o
    assert "give -o FILE.html" in capsys.readouterr().err


@needs_sources
def test_place_reads_the_improved_finding_record(store):
    from dataclasses import dataclass

    from sharinggraph.review.encoding import read_encoding

    @dataclass(frozen=True)
    class Improved:  # the record issue 11 item 2 adds: notice, provision, quote, line and a stable id
        severity: str
        rule: str
        message: str
        focus: str
        notice: str
        provision: str
        quote: str
        line: int
        id: str

    encoding = read_encoding(store, URIRef(MASH))
    # line 201's sentence as the evidence of a finding about the whole notice
    quote = ("Personal demographic information, for example your name, address, gender, date of birth, ethnicity, "
             "and relationships may be collected.")
    [placed] = place([Improved("Violation", "SpecialCategoryNeedsArt9", "m", MASH, MASH, "UK GDPR Art 9(2)", quote, 201,
                               "abc123")], encoding)
    assert (placed.span.start, placed.span.end) == (42171, 42306)
    assert (placed.provision, placed.line, placed.id) == ("UK GDPR Art 9(2)", 201, "abc123")
