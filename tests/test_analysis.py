"""`report network`: rankings, the council x recipient-type matrix and onward chains, read from the notices."""

from __future__ import annotations

import json

import pytest

from sharinggraph.export.report import analyse
from sharinggraph.cli import main
from sharinggraph.export.network import project


@pytest.fixture(scope="module")
def report(built):
    return analyse(project(built.loaded.dataset))


def test_dwp_is_reached_by_every_council(report):
    # DWP: 003 line 22 (WF), 001 line 107 (B&D), 002 line 79 (Wandsworth), 004 line 14 (RBKC and WCC)
    dwp = next(r for r in report.ranking if r["recipient"] == "Department for Work and Pensions")
    assert dwp["councils"] == 5
    assert report.ranking == sorted(report.ranking, key=lambda r: (-r["councils"], -r["statements"], r["recipient"]))


def test_onward_chains_follow_the_text(report):
    chains = {(c["discloser"], c["first_recipient"], c["onward_party"]) for c in report.chains}
    # 004 lines 252-255: RBKC -> Brent -> the Rescue and Response project -> its providers
    assert ("Royal Borough of Kensington and Chelsea", "Brent Council", "London Rescue and Response County Lines project") in chains
    assert ("Brent Council", "London Rescue and Response County Lines project", "Service provider") in chains
    # 003 line 29: the ONS links the data with government data and shares results
    assert ("London Borough of Waltham Forest", "Office for National Statistics", "Government department") in chains
    # 004 line 78: Prospects refers to the Westminster Employment Service
    assert any(c[2] == "Westminster Employment Service" for c in chains)


def test_matrix_and_sensitive_receivers(report):
    assert report.matrix["Wandsworth Borough Council"]["Police"] >= 1  # 002 line 66
    names = {r["recipient"]: r for r in report.sensitive}
    # 004 line 212: the MASH risk assessment, which carries police information, goes to the front doors
    assert names["Westminster children's services front door"]["criminal"] is True
    # 003 line 9 holds criminal offences and line 18 names the Met, but nothing links them: implied only
    assert "Metropolitan Police Service" not in names or names["Metropolitan Police Service"]["criminal"] is False


def test_report_command_json(capsys):
    assert main(["report", "network", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"ranking", "matrix", "chains", "sensitive"} <= set(data)
