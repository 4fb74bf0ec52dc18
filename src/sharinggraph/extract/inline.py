"""Parties and categories named inside sentences rather than in bulleted lists: "we may share
your information with the police, schools and health services", "the NHS may share your NHS
number with us", "we collect information such as your name, address and date of birth". Each
gives the span of the list of names and the sentence that states it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sections import HOLDS, RECIPIENTS, SOURCES

# "e.g." and "i.e." end no sentence, whatever follows them
_SENTENCE = re.compile(r"(?:\b[eEiI]\.[gGeE]\.|[^.!?\n]|[.!?](?![\s]|$))+(?:[.!?]|$)", re.M)
# where the named bodies stop: a purpose, a condition, a verb or a clause that follows them ("as" but not
# "such as" or "as well as", which carry the list on; "in" but not "in-house"; "for" but not in a
# name, "Office for National Statistics"); "a"/"an" straight after a name, the subject of a new clause
# ("sharing with the Cabinet Office a contract is signed for")
_NEW_SUBJECT = (r"(?<![,\s])(?<!\band)(?<!\bor)(?<!\bas)(?<!\blike)(?<!\bincluding)(?<!\binclude)(?<!\bincludes)"
                r"(?<!e\.g\.)(?<!example)(?<!\bwith)(?<!\bof)(?<!\bvia)(?<!\bfor)(?<!\bto)(?<!\bfrom)(?<!\bby)(?<!\bat)"
                r"(?<!\bin)(?<!\bon)\s+(?:an?|the)\s")
_STOP = (rf"(?={_NEW_SUBJECT}|"
         r"\s+(?:to|for(?!\s+(?-i:[A-Z])|\s+example\b)|in order|where|when|if|so|because|under|who|which|that|in line|unless|"
         r"about|on|at|within|without|by|but|in(?![\w-])|is|are|was|were|will|has|have|can|may|must)\b|(?<!such)(?<!well)\s+as\b(?!\s+well\b)|[.;]|"
         r"(?<!including)(?<!include)(?<!includes)(?<!such as):|$)")
# the words of a list: a bracket whole ("government departments (e.g. the Home Office)"), "e.g.",
# and a colon straight after a word that introduces examples ("relevant agencies including: health")
_LIST = (r"(?:\([^()]*\)|\b[eE]\.g\.|(?<=including):|(?<=include):|(?<=includes):|(?<=such as):|[^.;:(])+?")
# a negation before the verb: "we will not share", "is never disclosed", "we do not pass"
_NEGATED = re.compile(r"\b(?:not|never|n[o']t|no longer)\b", re.I)
# words that name no body (a vague one, "other organisations", only when no examples follow it)
_NOT_NAMES = (r"us\b|you\b|your\s+(?:consent|agreement|permission|behalf|request|information|data|details)\b|"
              r"them\b|him\b|her\b|each other\b|(?:the )?following\b|these\b|those\b|this\b|it\b|"
              r"(?:other organisations|others|partners|partner organisations)\b"
              r"(?!,?\s*(?:such as|including|like|e\.g\.|for example|\())")
_VERBS = (r"help|allow|enable|ensure|make|support|meet|carry|check|identify|provide|protect|keep|prevent|assess|see|understand|"
          r"do|be|life|health|safety|comply|fulfil|deliver|improve|plan|monitor")
# who shares: the council or its services, or what is shared, in the passive ("information will be
# shared with", "your details may also be passed to")
_SHARER = (r"\b(?:we|the council|the (?:local )?authority|it|they|services?|teams?|"
           r"(?:information|data|details|records?|reports?)\b[^.]{0,40}?\bbe)\b")
_SHARE_WITH = re.compile(rf"{_SHARER}(?P<verb>[^.]{{0,60}}?)(?:\b(?:share|shares|shared|sharing)\b"
                         r"[^.]{0,80}?\b(?:with|between)|\b(?:disclose|disclosed|(?P<giving>pass|passed|provide|provided|send|sent|report|reported))\b"
                         rf"(?P<given>[^.]{{0,80}}?)\bto(?!\s+(?:{_VERBS}))\b)\s+(?P<list>(?!{_NOT_NAMES}){_LIST}){_STOP}", re.I)
_FROM = re.compile(r"\b(?:collect|collected|obtain|obtained|receive|received|get|gather|gathered|request|"
                   r"requested|provided|given)\b(?P<verb>[^.]{0,80}?)\bfrom\s+"
                   rf"(?P<list>(?!{_NOT_NAMES}){_LIST}){_STOP}", re.I)
# "the sharing of information with the DWP", "data sharing between council departments and with ...":
# the noun says the council shares
_SHARING_OF = re.compile(r"\bsharing\s+of\s+(?:[\w’'-]+\s+){0,3}?(?:information|data)\b[^.]{0,30}?\b(?:with|between)\s+"
                         rf"(?P<list>(?!{_NOT_NAMES}){_LIST}){_STOP}", re.I)
# information "given to us by", "provided by", "shared with us by" a body: where it comes from
_GIVEN_BY = re.compile(r"\b(?:information|data|details|records?|reports?|referrals?)\b(?:\s+[\w’'-]+){0,4}?\s+"
                       r"(?:given|provided|supplied|passed|sent|shared|reported)(?:\s+(?:to|with)\s+us)?\s+by\s+"
                       rf"(?P<list>(?!{_NOT_NAMES}){_LIST}){_STOP}", re.I)
# "communications you have received from the council", "parents can get a copy of the form from the
# hub", "you request support from a service": what someone else receives, or anything but information
# (when the verb has an object before "from"), is no collection by the council
_SOMEONE_ELSE = re.compile(r"\b(?:you|your family|they|parents|carers)\s+(?:\w+\s+){0,2}?(?:receive|received|receiving|"
                           r"get|gets|request|requested|obtain|obtained)\b", re.I)
_INFORMATION = re.compile(r"\b(?:information|data|details|records?|reports?|referrals?|views|intelligence|notifications?|"
                          r"updates?|names?|addresses|numbers?|dates?|evidence|documents?|copies|history|statistics|returns|"
                          r"it|this|these|them)\b",
                          re.I)
# "police, education and health services are required to exchange information with each other":
# each body named before the verb (after "such as" where the sentence gives examples) receives and gives
_EACH_OTHER = re.compile(r"\s+(?:(?:are|is)\s+required\s+to|will|may|must|can|should|could)?\s*(?:\w+\s+)?"
                         r"(?:exchange|share)\b[^.]{0,80}?\bwith each other\b", re.I)
_EXAMPLES = re.compile(r"\b(?:such as|including|e\.g\.)\s+", re.I)
_FROM_YOU = re.compile(r"\b(?:collect|collected|obtain|obtained|receive|received|get|gather|gathered)\b[^.]{0,60}?"
                       r"\bfrom\s+(?P<list>you)\b(?!r)", re.I)
_TO_US = re.compile(rf"(?:^|\.\s+|,\s+)(?P<list>(?:the\s+)?[A-Z][^.;:,]{{1,60}}?)\s+(?:may|will|can|might)?\s*"
                    r"(?:share|shares|provide|provides|give|gives|send|sends|pass|passes)\b[^.]{0,60}?\b"
                    r"(?:with|to)\s+us\b")
_SUCH_AS = re.compile(rf"\b(?:such as|including|includes?|e\.g\.)\s*:?\s+(?P<list>[^.;:]+?){_STOP}", re.I)
_PROCESSING = re.compile(r"\bprocessing\b", re.I)
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
        for role, pattern in ((RECIPIENTS, _SHARE_WITH), (RECIPIENTS, _SHARING_OF), (SOURCES, _FROM),
                              (SOURCES, _FROM_YOU), (SOURCES, _TO_US), (SOURCES, _GIVEN_BY)):
            for match in pattern.finditer(text, *span):
                if role == SOURCES and pattern is not _TO_US and section_role == HOLDS:
                    continue
                clause = max(span[0], text.rfind(",", span[0], match.start()) + 1)  # the clause the verb is in
                if _NEGATED.search(text, clause, match.start("list")) or (pattern is _FROM and not _collected(text, clause, match)):
                    continue
                if pattern is _SHARE_WITH and match["giving"] and match["given"].strip() and not _INFORMATION.search(match["given"]):
                    continue  # "we provide support to children": services, not information, go to them
                if pattern is _SHARE_WITH and match["giving"] in ("report", "reported") and not (
                        _INFORMATION.search(match["given"]) or _INFORMATION.search(text, match.end("list"), span[1])):
                    continue  # "teams report to the director": a line of management, nothing reported
                found.append(Named(role, match.start("list"), match.end("list"), span))
        exchange = _EACH_OTHER.search(text, *span)
        if exchange is not None and not _NEGATED.search(exchange.group()):
            examples = list(_EXAMPLES.finditer(text, span[0], exchange.start()))
            first = examples[-1].end() if examples else span[0]
            found += [Named(role, first, exchange.start(), span) for role in (RECIPIENTS, SOURCES)]
        if section_role == HOLDS:
            such = _SUCH_AS.search(text, *span)
            if such is not None:
                # not "the processing of your information includes the collection, use, sharing ...": operations
                if not _PROCESSING.search(text, span[0], such.start()):
                    found.append(Named(HOLDS, such.start("list"), such.end("list"), span))
            elif text.count(",", *span) >= 2 and not _VERB.search(text, *span):
                words = text[span[0]:span[1]].rstrip(".")
                found.append(Named(HOLDS, span[0], span[0] + len(words), span))
    return found


def last_sentence_start(text: str, start: int, end: int) -> int:
    """Where the last sentence of ``text[start:end]`` starts: of a block introducing a list, the
    sentences before it are read, and the list's items, not that sentence, are the names."""
    sentences = [m.start() for m in _SENTENCE.finditer(text, start, end) if m.group().strip()]
    return sentences[-1] if sentences else start


def _collected(text: str, clause: int, match: re.Match) -> bool:
    """Whether a "from" clause says the council collects information (see ``_SOMEONE_ELSE``)."""
    received = text[clause:match.start("verb")]
    return not _SOMEONE_ELSE.search(received) and (not match["verb"].strip() or _INFORMATION.search(match["verb"]) is not None)


_HELD_FROM = re.compile(r"\b(?:information|details|data|reports?|records?|views)\b(?:\s+[\w’'-]+){0,4}?\s+"
                        r"(?:from|(?:given|provided|supplied|passed|sent|shared|reported)(?:\s+(?:to|with)\s+us)?\s+by)\s+"
                        rf"(?P<list>(?!{_NOT_NAMES})[^.;:]+?)(?=[.;:]|$)", re.I)


def sources_in_item(text: str, start: int, end: int) -> list[Named]:
    """The bodies an item of what is held names as where it comes from ("relevant information from
    individuals involved in your child's care, including health and other care providers";
    "information about your situation given to us by your family")."""
    return [Named(SOURCES, m.start("list"), m.end("list"), (start, end)) for m in _HELD_FROM.finditer(text, start, end)]
