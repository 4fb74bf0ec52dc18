"""Parties and categories named inside sentences rather than in bulleted lists: "we may share
your information with the police, schools and health services", "the NHS may share your NHS
number with us", "we collect information such as your name, address and date of birth". Each
gives the span of the list of names and the sentence that states it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sections import HOLDS, RECIPIENTS, SOURCES

_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?![\s]|$))+(?:[.!?]|$)", re.M)  # "e.g." ends no sentence
# where the named bodies stop: a purpose, a condition or a clause that follows them
_STOP = (r"(?=\s+(?:to|for|in order|where|when|if|so|because|as|under|who|which|that|in line|unless|"
         r"about|on|at|within|without|by)\b|[.;:(]|$)")
_NOT_NAMES = (r"us\b|you\b|your\b|them\b|him\b|her\b|each other\b|(?:the )?following\b|these\b|those\b|"
              r"this\b|it\b|other organisations\b|others\b|partners\b|partner organisations\b")
_VERBS = (r"help|allow|enable|ensure|make|support|meet|carry|check|identify|provide|protect|keep|prevent|assess|see|"
          r"do|be|life|health|safety|comply|fulfil|deliver|improve|plan|monitor")
_SHARE_WITH = re.compile(r"\b(?:we|the council|it|they|services?)\b[^.]{0,60}?(?:\b(?:share|shares|shared|sharing)\b"
                         r"[^.]{0,80}?\bwith|\b(?:disclose|disclosed|pass|passed|provide|provided|send|sent)\b"
                         rf"[^.]{{0,80}}?\bto(?!\s+(?:{_VERBS}))\b)\s+(?P<list>(?!{_NOT_NAMES})[^.;:]+?){_STOP}", re.I)
_FROM = re.compile(r"\b(?:collect|collected|obtain|obtained|receive|received|get|gather|gathered|request|"
                   r"requested|provided|given)\b[^.]{0,80}?\bfrom\s+"
                   rf"(?P<list>(?!{_NOT_NAMES})[^.;:]+?){_STOP}", re.I)
_FROM_YOU = re.compile(r"\b(?:collect|collected|obtain|obtained|receive|received|get|gather|gathered)\b[^.]{0,60}?"
                       r"\bfrom\s+(?P<list>you)\b(?!r)", re.I)
_TO_US = re.compile(rf"(?:^|\.\s+|,\s+)(?P<list>(?:the\s+)?[A-Z][^.;:,]{{1,60}}?)\s+(?:may|will|can|might)?\s*"
                    r"(?:share|shares|provide|provides|give|gives|send|sends|pass|passes)\b[^.]{0,60}?\b"
                    r"(?:with|to)\s+us\b")
_SUCH_AS = re.compile(rf"\b(?:such as|including|includes?|e\.g\.)\s*:?\s+(?P<list>[^.;:]+?){_STOP}", re.I)
_VERB = re.compile(r"\b(?:is|are|will|can|may|must|we|you|our|this|these|they|be|has|have)\b", re.I)


@dataclass(frozen=True)
class Named:
    """A list of names (``start``..``end``) stated in a sentence (``sentence``), with the role it has."""

    role: str
    start: int
    end: int
    sentence: tuple[int, int]


def named_in(text: str, start: int, end: int, section_role: str | None) -> list[Named]:
    """Lists of recipients, sources (any section) and categories (a section on what is held) in
    the sentences of ``text[start:end]``."""
    found: list[Named] = []
    for sentence in _SENTENCE.finditer(text, start, end):
        span = (sentence.start() + len(sentence.group()) - len(sentence.group().lstrip()), sentence.end())
        for role, pattern in ((RECIPIENTS, _SHARE_WITH), (SOURCES, _FROM), (SOURCES, _FROM_YOU),
                              (SOURCES, _TO_US)):
            for match in pattern.finditer(text, *span):
                if role == SOURCES and pattern is not _TO_US and section_role == HOLDS:
                    continue
                found.append(Named(role, match.start("list"), match.end("list"), span))
        if section_role == HOLDS:
            such = _SUCH_AS.search(text, *span)
            if such is not None:
                found.append(Named(HOLDS, such.start("list"), such.end("list"), span))
            elif text.count(",", *span) >= 2 and not _VERB.search(text, *span):
                words = text[span[0]:span[1]].rstrip(".")
                found.append(Named(HOLDS, span[0], span[0] + len(words), span))
    return found


_HELD_FROM = re.compile(r"\b(?:information|details|data|reports?|records?|views)\b(?:\s+[\w’'-]+){0,3}?\s+from\s+"
                        rf"(?P<list>(?!{_NOT_NAMES})[^.;:]+?)(?=[.;:]|$)", re.I)


def sources_in_item(text: str, start: int, end: int) -> list[Named]:
    """The bodies an item of what is held names as where it comes from ("relevant information from
    individuals involved in your child's care, including health and other care providers")."""
    return [Named(SOURCES, m.start("list"), m.end("list"), (start, end)) for m in _HELD_FROM.finditer(text, start, end)]
