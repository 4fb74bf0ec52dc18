"""Section roles: what each part of a notice is about (what we hold, why, lawful basis, who we
share with, where we get it from, retention, rights, contacts, transfers, automated decisions),
from its heading and, for each list, from the sentence that introduces it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from .reading import Document
from .structure import Block, blocks, lead_in, sections

HOLDS, PURPOSES, BASIS, RECIPIENTS, SOURCES = "holds", "purposes", "lawful-basis", "recipients", "sources"
EXCHANGE = "recipients and sources"  # a list of bodies the text says information goes to and comes from
RETENTION, RIGHTS, CONTACTS, TRANSFERS, AUTOMATED = "retention", "rights", "contacts", "transfers", "automated-decisions"

# Heading wording for each role, tried in this order (the first that matches decides).
_HEADING_ROLES = (
    (AUTOMATED, r"automated|profiling"),
    (TRANSFERS, r"outside (?:of )?the (?:uk|eea|eu|european)|overseas|international|abroad|transfer"),
    (RETENTION, r"how long|retention|retain|keep (?:your|personal|the)"),
    (BASIS, r"lawful|legal basis|legal (?:duty|reason|gateway)|allowed to (?:use|process|collect|share)|"
            r"special categor|criminal (?:offence|conviction)|(?:right|entitled) to (?:use|process)"),
    (SOURCES, r"where (?:we|do we) (?:get|obtain)|how we (?:collect|get|obtain)|sources?\b|obtaining|"
              r"comes? from|who (?:gives|provides)"),
    (RECIPIENTS, r"shar(?:e|ed|ing)|disclos|recipients|who (?:we|do we) (?:give|pass|send)|pass (?:it|your)"),
    (HOLDS, r"(?:information|data) (?:that )?(?:we|do we) (?:hold|collect|process|keep|use)|what (?:type of )?"
            r"(?:personal )?(?:information|data)|categories|information (?:is )?collected|types? of (?:personal )?"
            r"(?:information|data)|personal (?:information|data) (?:we|that we)"),
    (PURPOSES, r"why|purpose|how we use|using your|use (?:your|personal)|reasons? for|what we do with"),
    (RIGHTS, r"rights|choice|access (?:to )?your|subject access|withdraw"),
    (CONTACTS, r"contact|data protection officer|\bdpo\b|complain|commissioner|who (?:we are|are we)|further information"),
)
_HEADING_PATTERNS = tuple((role, re.compile(pattern, re.I)) for role, pattern in _HEADING_ROLES)

# Wording of a sentence that introduces a list of parties or categories.
_LEAD_SOURCES = re.compile(r"\b(?:ask|obtain|receive|get|gather|request|collect|provided|given|comes?|come)\b"
                           r"[^.:]*\bfrom\b(?!\s+(?:us|the council)\b)|\bsources?\b|(?:people|organisations|agencies) (?:we|who) (?:may )?"
                           r"(?:need to )?ask", re.I)
_LEAD_RECIPIENTS = re.compile(r"\bshar(?:e|ed|ing)\b[^.:]*\bwith\b(?!\s+(?:them|us|you|each other)\b)|\bdisclos[^.:]*\bto\b|\bpass(?:ed)? (?:on|to)|"
                              r"\brecipients?\b|\b(?:provide|send|give) (?:it|information|your|data)[^.:]*\bto\b", re.I)
_LEAD_EXCHANGE = re.compile(r"\bto and from\b|\bfrom and to\b|\bshare (?:and|or) (?:request|receive|obtain)", re.I)
_LEAD_HOLDS = re.compile(r"\b(?:collect|hold|process|record|keep|use|gather)\b[^.:]*\b(?:information|data|details)\b|"
                         r"\bcategor|\btypes? of (?:personal )?(?:information|data)|\bsuch as\b", re.I)
_LEAD_PURPOSES = re.compile(r"\b(?:purposes?|in order to|to help us|we use (?:this|your|the) (?:information|data) to|"
                            r"reasons?)\b", re.I)


@dataclass(frozen=True)
class Section:
    """A heading (None for the text before the first one), its role (None when not recognised)
    and its blocks."""

    heading: Block | None
    role: str | None
    body: tuple[Block, ...]


@dataclass(frozen=True)
class ItemList:
    """A run of list items with the sentence that introduces it, and the role that sentence (or,
    failing it, the section the list stands in) gives the list."""

    role: str | None
    lead: Block | None
    items: tuple[Block, ...]


def heading_role(words: str) -> str | None:
    """The role a heading's wording names, or None."""
    return next((role for role, pattern in _HEADING_PATTERNS if pattern.search(words)), None)


def lead_role(words: str) -> str | None:
    """The role the sentence introducing a list gives it, or None: the cue nearest its end wins
    ("If you receive support from us, this service uses information such as:" is what is held)."""
    best, at = None, -1
    for role, pattern in ((EXCHANGE, _LEAD_EXCHANGE), (SOURCES, _LEAD_SOURCES), (RECIPIENTS, _LEAD_RECIPIENTS),
                          (HOLDS, _LEAD_HOLDS), (PURPOSES, _LEAD_PURPOSES)):
        ends = [m.end() for m in pattern.finditer(words)]
        if ends and ends[-1] > at:
            best, at = role, ends[-1]
    return best


def notice_sections(document: Document) -> list[Section]:
    """The sections of ``document`` with their roles.

    :raises InputError: no heading or list lead-in names a role a privacy notice has.
    """
    text = document.text
    found = [Section(heading, heading_role(heading.text(text)) if heading else None, tuple(body))
             for heading, body in sections(blocks(document))]
    if not any(section.role for section in found) and not any(
            lead_role(block.text(text)) for section in found for block in section.body if lead_in(block, text)):
        raise InputError(f"{document.name or 'the input'}: not a privacy notice (no section on what is held, "
                         "why, the lawful basis, sharing, retention or rights)")
    return found


def item_lists(document: Document, found: list[Section]) -> list[ItemList]:
    """Every run of list items, with the role its lead-in sentence or else its section gives it."""
    text = document.text
    lists: list[ItemList] = []
    for section in found:
        run: list[Block] = []
        lead: Block | None = None
        previous: Block | None = None
        for block in (*section.body, None):
            if block is not None and block.kind == "item":
                if not run:
                    lead = previous if previous is not None and previous.kind != "item" else None
                run.append(block)
            elif run:
                lists.append(_list(run, lead, section, text))
                run = []
            previous = block
    return lists


def _list(run: list[Block], lead: Block | None, section: Section, text: str) -> ItemList:
    """The list's role: its lead-in's, where that fits the section it stands in, else the section's."""
    role = None
    if lead is not None and lead_in(lead, text):
        words = lead.text(text).rstrip(" :;-–")
        role = PURPOSES if re.search(r"\bto$|\bin order to$", words, re.I) else lead_role(words)
    fits = {SOURCES: True, RECIPIENTS: True, EXCHANGE: True,
            HOLDS: section.role in (None, HOLDS, SOURCES, RECIPIENTS),
            PURPOSES: section.role in (None, PURPOSES, HOLDS)}
    if role is None or not fits.get(role, False):
        role = section.role
    return ItemList(role, lead, tuple(run))
