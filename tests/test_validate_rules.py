"""Issue 11's rules on the real notices: at least one true finding of every kind, each with the
sentence that shows it and its line in the source text (read from the texts; cited per test), and
the known non-problems that must not be reported. Judged on 22 November 2026 (conftest.SEED_AS_OF), as
`validate` judges them: unit by unit. That findings are the same on every run, whatever the hash seed,
is test_hardening_determinism.py's."""

from __future__ import annotations

import pytest

from test_validate_real import BD, KCW, WF_CSC, WF_TF, WW


@pytest.fixture(scope="module")
def report(seed_report):
    return seed_report


def _evidence(report, rule: str) -> set[tuple[str, int, str]]:
    """(notice, line, evidence quote) of every finding of ``rule``."""
    return {(f.notice, f.line, f.quote) for f in report.findings if f.rule == rule + "Shape"}


def test_misnamed_legislation(report):
    found = _evidence(report, "MisnamedLegislation")
    # 001 lines 83, 84, 88, 90: "Children’s Act 1989", "Children’s Act 2004", "Leaving Care Act 2000", "Equalities Act 2010"
    assert {(BD, 83, "Children’s Act 1989"), (BD, 84, "Children’s Act 2004"), (BD, 88, "Leaving Care Act 2000"),
            (BD, 90, "Equalities Act 2010")} <= found
    # 002 lines 47 and 54: "Local Safeguarding Children & Adults Boards Regulations 2006", "Environmental Regulation 2004"
    assert {(WW, 47), (WW, 54)} <= {(notice, line) for notice, line, _ in found}
    # 004 line 16: "The Digital Economy Act" with no year
    assert any(notice == KCW + "general" and line == 16 for notice, line, _ in found)
    # correct titles are not reported: 004 line 121 "the Children Act 2004", 001 line 89 "Human Rights Act 1998"
    messages = {f.message for f in report.findings if f.rule == "MisnamedLegislationShape"}
    assert not any("'Human Rights Act 1998'" in m or "'the Children Act 2004'" in m for m in messages)


def test_contact_details(report):
    # 000 line 97 and 003 line 42: "Our Data Protection Officer is ..., you contact him by email at" (no address)
    assert _evidence(report, "DpoWithoutContact") == {(WF_CSC, 97, "Our Data Protection Officer is"),
                                                      (WF_TF, 42, "Our Data Protection Officer is")}
    # 004 line 31 "RBKC: dataprotectionact@rbkc.gov.uk" beside line 41 "For RBKC: dataprotection@rbkc.gov.uk"
    within = [f for f in report.findings if f.rule == "ContactAddressesDifferWithinShape" and f.notice == KCW + "general"]
    assert [(f.line, f.quote) for f in within] == [(31, "RBKC: dataprotectionact@rbkc.gov.uk")]
    assert "dataprotection@rbkc.gov.uk" in within[0].message
    # 004 line 256's notice (Rescue and Response) gives dataprotection@rbkc.gov.uk (line 264), the
    # general notice dataprotectionact@rbkc.gov.uk (line 31): different mailboxes on one page
    across = {(f.notice, f.line) for f in report.findings if f.rule == "ContactAddressesDifferShape"}
    assert (KCW + "rescue-and-response", 264) in across
    # 004 line 42 "For WCC: dataprotection@westminter.gov.uk" (misspelt domain)
    assert (KCW + "general", 42, "For WCC: dataprotection@westminter.gov.uk") in _evidence(report, "ContactDomain")


def test_mash_dpo_contact_is_not_reported_missing(report):
    # 004 line 225: "... Please email: DPO@westminster.gov.uk" is the MASH notice's DPO contact.
    assert KCW + "mash" not in {f.notice for f in report.findings if f.rule in ("DpoContactShape", "DpoWithoutContactShape")}
    # the Youth Offending Team (004 line 192) and SEND notices give dpo@ addresses too
    assert KCW + "youth-offending-team" not in {f.notice for f in report.findings if f.rule == "DpoContactShape"}


def test_lost_lists_and_text(report):
    lists = _evidence(report, "LostList")
    texts = _evidence(report, "LostText")
    assert len(lists) + len(texts) == 44  # every sg:OmittedList and sg:OmittedText encoded
    # 004 line 198 ends "in order to:" and line 218 "by law you have the right to:"; nothing follows either
    assert (KCW + "mash", 198, "in order to:") in lists
    assert (KCW + "mash", 218, "Consequently, under certain circumstances, by law you have the right to:") in lists
    # 000 line 97 breaks off at "you contact him by email at"
    assert (WF_CSC, 97, "you contact him by email at") in texts


def test_references_without_an_address(report):
    # 000 lines 89 and 101, 003 line 44: "Please see the relevant section of the Corporate Privacy Notice"
    # (no address given); one finding per document, at the first sentence that names it (000 line 89)
    found = _evidence(report, "ReferenceWithoutAddress")
    assert (WF_CSC, 89, "Please see the relevant section of the\u00a0Corporate Privacy Notice") in found
    assert any(notice == WF_TF and line == 44 for notice, line, _ in found)
    # 004 line 83 (NEET tracking): "Information about how to submit a Subject Access Request can be found here."
    assert (KCW + "neet-tracking", 83, "Information about how to submit a Subject Access Request can be found here.") in found


def test_joint_controller_unclear(report):
    # 004 lines 196-227: the MASH notice of the RBKC/WCC page never says which council is the controller;
    # the finding points at the opening of its section (line 196)
    found = _evidence(report, "JointControllerUnclear")
    assert {notice for notice, _, _ in found} <= {KCW + "mash", KCW + "supporting-families"}
    assert any(notice == KCW + "mash" and line == 196 for notice, line, _ in found)
    # the general notice names both councils as controllers (004 line 1): not reported
    assert KCW + "general" not in {notice for notice, _, _ in found}


def test_contradictions_within_a_council_or_page(report):
    # 004 line 256 "There will be no overseas transfers." (Rescue and Response) against line 24 "information
    # may be transferred to countries or territories around the world" (the general notice, same page)
    found = [f for f in report.findings if f.rule == "TransfersContradictedShape"]
    assert [(f.notice, f.line, f.quote) for f in found] == [(KCW + "rescue-and-response", 256, "There will be no overseas transfers.")]
    assert KCW + "general" in found[0].message
    # 003 line 14 relies on consent, 000 line 50 on public task, for sharing with schools (same council)
    assert {f.notice for f in report.findings if f.rule == "ConsentAndPublicTaskShape"} == {WF_TF}


def test_legal_inaccuracies(report):
    # 004 line 211: ss.10 and 11 CA 2004 (duties) presented as "the statutory power to share"
    duties = [f for f in report.findings if f.rule == "DutyPresentedAsPowerToShareShape"]
    assert {(f.notice, f.line) for f in duties} == {(KCW + "mash", 211)}
    assert {"s.10" in f.message or "s.11" in f.message for f in duties} == {True} and len(duties) == 2
    # 001 line 96: "... because consent is not a lawful basis."
    assert _evidence(report, "ConsentSaidNotALawfulBasis") == {
        (BD, 96, "We do not require consent to share data with other organisations because consent is not a lawful basis.")}
    # 004 line 8: "The basis on which we lawfully process personal information is found in the Data Protection Act 2018"
    not_art6 = {(n, line) for n, line, _ in _evidence(report, "NotAnArt6Basis")}
    assert (KCW + "general", 8) in not_art6
    # 002 line 37 "Legal obligation or public task under various UK laws including but not limited to:" lists
    # the Data Protection Act 2018 (line 55) among the laws behind the Art 6(1) bases it states: not reported
    assert WW not in {n for n, _ in not_art6}
    # the message says what the statement shows, not that the notice names the Act as its basis (004 line 80:
    # information "will be used in accordance with the Data Protection Act 2018", among other Acts)
    messages = {f.message for f in report.findings if f.rule == "NotAnArt6BasisShape" and "Data Protection" in f.message}
    assert messages == {"Where the notice states its lawful basis it cites the Data Protection Act 2018, with no UK GDPR "
                        "Art 6(1) basis in that statement; the lawful bases are those of Art 6(1)."}
    # 004 line 159: the YOT relies on Art 10 and names no Schedule 1 condition; 001 line 78 (Barking
    # and Dagenham) relies on Art 10 with Schedule 1 conditions (lines 72-75), so it is not reported
    art10 = _evidence(report, "Art10NeedsSchedule1Condition")
    assert {(n, line) for n, line, _ in art10} == {(KCW + "youth-offending-team", 159)}


def test_every_finding_has_an_id_a_provision_and_a_line(report):
    assert all(len(f.id) == 16 for f in report.findings)
    assert len({f.id for f in report.findings}) == len(report.findings)
    assert all(f.provision for f in report.findings)
    # every finding tied to a notice quotes a line of it (absences quote the section's opening)
    assert [f for f in report.findings if f.notice and not (f.quote and f.line > 0)] == []
