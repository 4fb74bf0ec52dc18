"""Structure, section roles and Turtle writing of extraction drafts (issue 12), on the seed texts
(expected roles read from the notices; line numbers cited) and on hostile text written here."""

from __future__ import annotations

import pytest
from conftest import SOURCES, needs_sources
from rdflib import Graph, Literal, URIRef

from sharinggraph.errors import InputError
from sharinggraph.extract.reading import Document, read_file
from sharinggraph.extract.sections import (HOLDS, PURPOSES, RECIPIENTS, SOURCES as FROM, item_lists,
                                           notice_sections)
from sharinggraph.extract.structure import blocks
from sharinggraph.extract.turtle import Entry, Group, comment, literal, render


def _lists(seed: str) -> dict[int, tuple[str | None, int]]:
    document = read_file(SOURCES / seed)
    return {found.items[0].line: (found.role, found.items[-1].line)
            for found in item_lists(document, notice_sections(document))}


@needs_sources
def test_list_roles_of_waltham_forest_childrens_social_care():
    lists = _lists("000_417e6ee113b7d9fc.txt")
    assert lists[15] == (HOLDS, 37)        # line 13: "we will collect some information about you, such as:"
    assert lists[56] == (RECIPIENTS, 69)   # line 54: "Who your information may be shared with"
    assert lists[77] == (FROM, 85)         # line 75: "The people we may need to ask for information ... include:"
    assert lists[41][0] == PURPOSES        # line 39: "Purpose of processing personal data and how we use it"


@needs_sources
def test_list_roles_follow_their_section_where_the_lead_in_does_not_fit():
    lists = _lists("001_58618d6735e90a87.txt")
    assert lists[38][0] == PURPOSES        # line 36: "We use information ... to meet our legal obligations ..., such as:" under "How we use ..." (line 34)
    assert lists[68][0] != HOLDS           # line 66 under "Special Categories information" (line 64): conditions, not data held
    assert lists[132][0] != HOLDS          # line 130 under "How long do we keep ..." (line 128): retention, not data held
    assert lists[102][0] == RECIPIENTS     # line 100: "We may share your information ... with, but not limited to:"


@needs_sources
def test_headings_of_a_plain_text_notice():
    document = read_file(SOURCES / "003_194cd3b654a8ce70.txt")
    headings = [b.line for b in blocks(document) if b.kind == "heading"]
    # lines 3, 8, 10, 12, 16, 38 are headings; the dated lines 1-2 and line 42 (a sentence cut off) are not
    assert {3, 8, 10, 12, 16, 38} <= set(headings) and not {1, 2, 42} & set(headings)


def test_numbered_headings_and_bullets():
    text = "1. Who we share your information with\nWe share it with:\n1. the police\n2. schools\n2. How long we keep it?"
    found = blocks(Document(text, "text/plain"))
    assert [(b.kind, b.text(text)) for b in found] == [
        ("heading", "1. Who we share your information with"), ("paragraph", "We share it with:"),
        ("item", "the police"), ("item", "schools"), ("heading", "2. How long we keep it?")]


def test_a_page_with_no_notice_section_is_refused():
    with pytest.raises(InputError, match="not a privacy notice"):
        notice_sections(Document("Opening hours\nThe library opens at nine.\nParking\nPay at the machine.",
                                 "text/plain", name="library.txt"))


HOSTILE = 'He said "stop" \\ then\n> . <http://evil/> a <x> ;\t\x0b\u2028# not a comment """ end'


def test_notice_text_is_escaped_in_literals_and_comments():
    entry = Entry(":x", ["<http://example.org/Thing>"], comments=[HOSTILE])
    entry.add("<http://example.org/quote>", literal(HOSTILE), literal(HOSTILE, "en"))
    turtle = render("http://example.org/notice/", [HOSTILE], [Group(HOSTILE, [entry])])
    graph = Graph().parse(data=turtle, format="turtle")
    subject = URIRef("http://example.org/notice/x")
    assert set(graph.objects(subject, URIRef("http://example.org/quote"))) == {Literal(HOSTILE), Literal(HOSTILE, lang="en")}
    assert len(graph) == 3  # the text added no triple of its own
    assert "\n" not in comment(HOSTILE) and "\u2028" not in comment(HOSTILE)
