"""`agreement check` as a text memo, CSV and one offline HTML page; `agreement register` on real data."""

from __future__ import annotations

import csv
import io
import json
import re

from conftest import ROOT, chromium_dom, needs_sources

from sharinggraph.cli import main

EXAMPLES = ROOT / "examples" / "agreements"
AS_OF = "2026-12-01"
pytestmark = needs_sources
HOSTILE = "title: \"=HYPERLINK(\\\"http://x\\\") <script>alert(1)</script> & co\"\n" \
          "parties: [Westminster City Council, Office for National Statistics]\n" \
          "flows:\n  - {from: Westminster City Council, to: Office for National Statistics, data: [name]}\n"


def _run(tmp_path, *args: str) -> tuple[int, str]:
    target = tmp_path / "out.txt"
    code = main(["agreement", *args, "--as-of", AS_OF, "-o", str(target), "-q"])
    return code, target.read_text(encoding="utf-8")


def test_text_memo_reads_like_a_memo(tmp_path):
    code, text = _run(tmp_path, "check", str(EXAMPLES / "supporting-families.yaml"))
    assert code == 1
    assert text.startswith("Agreement check: Supporting Families data agreement (example)\n")
    assert "Verdicts: 3 covered, 1 vague, 0 omitted, 2 incorrect; 1 notice flows between the parties" in text
    assert "Flow 4 (reverse): Department for Work and Pensions -> Westminster City Council: address" in text
    # the deciding words of line 53, quoted
    assert "the Office for National Statistics (ONS)" in text
    assert "ICO data sharing code checklist:" in text and "- security: MISSING" in text


def test_csv_has_a_row_per_flow_and_no_formula(tmp_path):
    code, text = _run(tmp_path, "check", str(EXAMPLES / "bi-borough-mash.yaml"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["verdict"] for row in rows] == ["covered", "omitted", "covered", "omitted", "omitted", "incorrect", "vague"]
    assert "share-front-door-hammersmith-and-fulham" not in rows[2]["evidence"]  # evidence cites notice and line
    assert "kensington-chelsea-westminster/mash line 197, 212" in rows[2]["evidence"]
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    code, text = _run(tmp_path, "check", str(hostile), "--format", "csv")
    assert code == 0  # the one flow is covered (line 53)
    assert next(csv.DictReader(io.StringIO(text)))["agreement"].startswith("'=HYPERLINK")


def test_html_is_one_offline_page_with_everything_escaped(tmp_path):
    _code, page = _run(tmp_path, "check", str(EXAMPLES / "bi-borough-mash.yaml"), "--format", "html")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert not re.findall(r'(?:src|href)="(?!#)', page)  # nothing to fetch, links only within the page
    assert "default-src 'none'" in page
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    _, escaped = _run(tmp_path, "check", str(hostile), "--format", "html")
    assert "<script>alert" not in escaped and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in escaped


def test_html_renders_with_no_network(tmp_path):
    target = tmp_path / "mash.html"
    main(["agreement", "check", str(EXAMPLES / "bi-borough-mash.yaml"), "--as-of", AS_OF, "--format", "html", "-o", str(target), "-q"])
    dom = chromium_dom(target.as_uri(), tmp_path / "profile", offline=True)
    assert '<span class="verdict covered">covered</span>' in dom and "Flow 7:" in dom


def test_register_summary_on_real_data(tmp_path):
    files = [str(EXAMPLES / name) for name in ("bi-borough-mash.yaml", "supporting-families.yaml", "westminster-register.csv")]
    code, text = _run(tmp_path, "register", *files, "--council", "E09000033", "--format", "json")
    assert code == 1
    summary = json.loads(text)
    assert summary["council"] == "Westminster City Council"
    # current on 2026-12-01: only the youth justice protocol (review 2027-06-30); the MASH agreement's review
    # was due 2025-04-01, Supporting Families' 2024-03-31, Family Hubs' 2026-09-30; schools' ended 2025-08-31
    assert summary["past_review"] == ["Bi-borough MASH information sharing agreement (example)",
                                      "Supporting Families data agreement (example)",
                                      "Family Hubs referrals (example)", "Schools admissions data (example)"]
    flags = {flow["statement"].replace("kensington-chelsea-westminster/", ""): flow["current_agreement"]
             for flow in summary["notice_flows"]}
    # YOT notice line 171 names the Met: the protocol's Westminster -> Met flow is a current agreement for it
    assert flags["youth-offending-team/share-met-police"] is True and flags["youth-offending-team/share-yjb"] is True
    # line 53's ONS flow has an agreement, but one past its review
    assert flags["supporting-families/share-ons"] is False
    with_agreement = sum(flags.values())
    assert summary["share_with_current_agreement"] == f"{with_agreement} of {len(flags)} ({round(100 * with_agreement / len(flags))}%)"
    uncovered = {(u["agreement"][:10], u["flow"].split(":")[0], u["verdict"]) for u in summary["uncovered_agreement_flows"]}
    assert uncovered == {("Bi-borough", "flow 2", "omitted"), ("Bi-borough", "flow 4", "omitted"),
                         ("Bi-borough", "flow 5", "omitted"), ("Bi-borough", "flow 6", "incorrect"),
                         ("Supporting", "flow 2", "incorrect"), ("Supporting", "flow 5", "incorrect")}
    code, table = _run(tmp_path, "register", *files, "--council", "Westminster City Council")
    assert "notice flows with a current agreement" in table and "INCORRECT: Supporting Families" in table
