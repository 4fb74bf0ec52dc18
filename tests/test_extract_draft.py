"""Draft encodings from the seed notices (issue 12): selectors quote the text as read, one flow
per body named, sources never reported as recipients, and an accepted draft built like any other
notice, in a temporary copy of the project."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, SOURCES, copy_project, needs_sources
from rdflib import Graph, URIRef
from rdflib.namespace import PROV

from sharinggraph.extract.draft import draft_notice
from sharinggraph.extract.reading import read_file
from sharinggraph.namespaces import DPV, OA
from test_extract_reading import _html, seed_pdf

ORG = "https://w3id.org/sharinggraph/id/org/"
RTYPE = "https://w3id.org/sharinggraph/id/recipient-type/"
WALTHAM_FOREST = "London Borough of Waltham Forest"


def _draft(seed: str, council: str = WALTHAM_FOREST, service: str | None = None):
    document = read_file(SOURCES / seed)
    draft = draft_notice(document, council, ROOT, service=service)
    return document, draft, Graph().parse(data=draft.turtle, format="turtle")


def _parties(graph: Graph, prop: URIRef) -> list[str]:
    return sorted(str(o) for o in graph.objects(None, prop))


@needs_sources
@pytest.mark.parametrize("seed", sorted(p.name for p in SOURCES.glob("0*.txt")) if SOURCES.is_dir() else [])
def test_every_selector_quotes_the_text_at_its_offsets(seed):
    document, _, graph = _draft(seed)
    checked = 0
    for resource in graph.subjects(OA.hasSource, None):
        selectors = list(graph.objects(resource, OA.hasSelector))
        exact = next(o for s in selectors for o in graph.objects(s, OA.exact))
        start = next(int(o) for s in selectors for o in graph.objects(s, OA.start))
        end = next(int(o) for s in selectors for o in graph.objects(s, OA.end))
        assert document.text[start:end] == str(exact)
        checked += 1
    assert checked > 10


@needs_sources
def test_named_recipients_come_out_one_flow_per_body():
    _, _, graph = _draft("003_194cd3b654a8ce70.txt")
    recipients = _parties(graph, DPV.hasRecipient)
    # seed 003 lines 18, 19, 22, 23: one flow each
    for body in ("metropolitan-police-service", "national-probation-trust", "dwp", "public-health-england"):
        assert recipients.count(ORG + body) == 1
    # line 24 "Children’s centres and schools": two bodies, two flows
    assert recipients.count(RTYPE + "childrens-centre") == 1 and recipients.count(RTYPE + "school") == 1
    # lines 31-37 are the terms of a data-sharing agreement, not bodies: no flow quotes them
    quoted = {str(o) for o in graph.objects(None, OA.exact)}
    flows_text = " ".join(q for q in quoted)
    assert "the data can only be used for carrying out research" not in flows_text
    assert len(set(graph.subjects(DPV.hasRecipient, None))) == len(recipients)


@needs_sources
def test_a_source_is_never_reported_as_a_recipient_nor_the_controller():
    document, draft, graph = _draft("000_417e6ee113b7d9fc.txt")
    recipients, sources = _parties(graph, DPV.hasRecipient), _parties(graph, DPV.hasDataSource)
    # seed 000 line 75 introduces the people the council asks for information (lines 77-85):
    # GP (line 77) and the health visitor (line 78) are sources there; police (line 56) is a recipient,
    # and a source only where line 73 says the agencies exchange information "with each other"
    assert RTYPE + "gp" in sources and RTYPE + "gp" not in recipients
    assert any("police" in r for r in recipients)
    police = next(flow for flow in graph.subjects(DPV.hasDataSource, URIRef(RTYPE + "police")))
    starts = [int(o) for r in graph.objects(police, PROV.wasDerivedFrom) for sel in graph.objects(r, OA.hasSelector)
              for o in graph.objects(sel, OA.start)]
    line_73 = document.text.index("In situations where")
    assert starts and all(line_73 <= start < document.text.index("\n", line_73) for start in starts)
    assert ORG + "waltham-forest" not in recipients + sources  # the controller (line 7)
    assert draft.record["dates"] == {"modified": "2024-09-25", "nextReview": "2025-09-25"}  # lines 1, 3


@needs_sources
def test_accepted_draft_builds_and_shows_in_queries_and_exports(tmp_path, monkeypatch, capsys):
    from sharinggraph.cli import main

    project = copy_project(tmp_path, monkeypatch)
    shutil.copytree(ROOT / "queries", project / "queries")
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    monkeypatch.setenv("SHARINGGRAPH_SOURCES", str(sources))
    monkeypatch.setenv("SHARINGGRAPH_OUT", str(tmp_path / "out"))
    draft = tmp_path / "tf.ttl"
    assert main(["extract", str(SOURCES / "003_194cd3b654a8ce70.txt"), "--council", WALTHAM_FOREST,
                 "--service", "Troubled Families draft", "-o", str(draft)]) == 0
    # the same notice as a web page with navigation and a footer, drafted too
    page = tmp_path / "tf.html"
    page.write_text(_html(SOURCES.joinpath("003_194cd3b654a8ce70.txt").read_text(encoding="utf-8").split("\n")),
                    encoding="utf-8")
    assert main(["extract", str(page), "--council", WALTHAM_FOREST, "--service", "Troubled Families page",
                 "-o", str(tmp_path / "page.ttl")]) == 0
    # a notice that names a body no vocabulary knows: its draft has a candidate, so it is refused and
    # nothing is filed
    unknown = tmp_path / "csc.txt"
    unknown.write_text("Sharing your information\n\nWe may share your information with the Imaginary Board.\n",
                       encoding="utf-8")
    other = tmp_path / "csc.ttl"
    assert main(["extract", str(unknown), "--council", WALTHAM_FOREST,
                 "--service", "Childrens social care draft", "-o", str(other)]) == 0
    assert "sg:needsReview true" in other.read_text(encoding="utf-8")
    assert main(["curate", "accept", str(other)]) == 2
    assert not (project / "data" / "notices" / "waltham-forest" / "childrens-social-care-draft.ttl").exists()
    assert not (project / "data" / "sources" / "waltham-forest-childrens-social-care-draft.json").exists()
    assert main(["curate", "accept", str(draft), "--allow-candidates"]) == 0
    assert main(["curate", "accept", str(tmp_path / "page.ttl"), "--allow-candidates"]) == 0
    assert (project / "data" / "notices" / "waltham-forest" / "troubled-families-draft.ttl").is_file()
    assert main(["curate", "accept", str(draft), "--allow-candidates"]) == 2  # never replaces a notice
    capsys.readouterr()
    assert main(["build"]) == 0  # provenance verified: every selector of both drafts quotes its text
    notice = "waltham-forest/troubled-families-draft"
    assert main(["query", "run", "recipients-by-notice", "-p", f"notice={notice}", "--format", "csv"]) == 0
    answer = capsys.readouterr().out
    assert "Metropolitan Police Service" in answer and "National Probation Trust" in answer
    assert main(["export", "csv", "--notice", notice]) == 0
    assert "Metropolitan Police Service" in capsys.readouterr().out
    assert main(["query", "run", "recipients-by-notice", "-p", "notice=waltham-forest/troubled-families-page",
                 "--format", "csv"]) == 0
    assert "National Probation Trust" in capsys.readouterr().out


@needs_sources
def test_batch_drafts_a_folder_and_reports_each_file(tmp_path, capsys):
    from sharinggraph.cli import main

    folder, out = tmp_path / "notices", tmp_path / "drafts"
    folder.mkdir()
    out.mkdir()
    shutil.copy(SOURCES / "003_194cd3b654a8ce70.txt", folder / "troubled-families.txt")
    (folder / "timetable.txt").write_text("Buses leave every ten minutes.\n", encoding="utf-8")
    assert main(["extract", str(folder), "--council", WALTHAM_FOREST, "--out-dir", str(out)]) == 1  # one failed
    table = capsys.readouterr().out
    assert "troubled-families.txt" in table and "timetable.txt" in table and "not a privacy notice" in table
    assert sorted(p.name for p in out.iterdir()) == [
        "troubled-families.draft.source.json", "troubled-families.draft.ttl", "troubled-families.draft.txt"]


@needs_sources
def test_text_cut_off_is_marked_and_the_named_officer_is_not_recorded():
    from sharinggraph.namespaces import SG

    document, draft, graph = _draft("003_194cd3b654a8ce70.txt")
    line_42 = document.text.split("\n")[41]  # "Our Data Protection Officer is <name>, you contact him by email at"
    name = line_42.split(" is ", 1)[1].split(",")[0]
    omitted = [o for s in graph.subjects(None, SG.OmittedText) for r in graph.objects(s, URIRef(
        "http://www.w3.org/ns/prov#wasDerivedFrom")) for sel in graph.objects(r, OA.hasSelector)
        for o in graph.objects(sel, OA.exact)]
    assert "you contact him by email at" in [str(o) for o in omitted]
    assert name and name not in draft.turtle  # a person's name is never recorded, not even in a comment


@needs_sources
def test_accept_refuses_an_altered_text_or_broken_turtle(tmp_path, monkeypatch, capsys):
    from sharinggraph.cli import main

    project = copy_project(tmp_path, monkeypatch)
    sources = tmp_path / "sources"
    sources.mkdir()
    draft = tmp_path / "tf.ttl"
    assert main(["extract", str(SOURCES / "003_194cd3b654a8ce70.txt"), "--council", WALTHAM_FOREST,
                 "--service", "Troubled Families draft", "-o", str(draft)]) == 0
    text = tmp_path / "tf.txt"
    original = text.read_text(encoding="utf-8")
    text.write_text(original.replace("Metropolitan", "Metropolitain"), encoding="utf-8")
    capsys.readouterr()
    assert main(["curate", "accept", str(draft), "--sources", str(sources)]) == 2
    assert "not the text this draft quotes" in capsys.readouterr().err
    text.write_text(original, encoding="utf-8")
    draft.write_text(draft.read_text(encoding="utf-8") + "\n:broken a \n", encoding="utf-8")
    assert main(["curate", "accept", str(draft), "--sources", str(sources)]) == 2
    assert "not valid Turtle" in capsys.readouterr().err
    assert not list(sources.iterdir()) and not (project / "data" / "sources" / "waltham-forest-troubled-families-draft.json").exists()


@needs_sources
def test_a_pdf_notice_drafts_with_selectors_on_its_text_layer(tmp_path):
    document = read_file(seed_pdf(tmp_path / "tf.pdf"))
    draft = draft_notice(document, WALTHAM_FOREST, ROOT, service="Troubled Families pdf")
    graph = Graph().parse(data=draft.turtle, format="turtle")
    for selector in graph.subjects(OA.start, None):
        start, end = int(next(graph.objects(selector, OA.start))), int(next(graph.objects(selector, OA.end)))
        resource = next(graph.subjects(OA.hasSelector, selector))
        exact = next(o for s in graph.objects(resource, OA.hasSelector) for o in graph.objects(s, OA.exact))
        assert document.text[start:end] == str(exact)
    recipients = _parties(graph, DPV.hasRecipient)
    assert ORG + "metropolitan-police-service" in recipients and ORG + "dwp" in recipients  # lines 18, 22


def _synthetic(text: str, council: str = "Wandsworth Borough Council") -> tuple[list[str], list[str]]:
    """Recipients and sources drafted from a notice written for the test."""
    from sharinggraph.extract.reading import Document

    graph = Graph().parse(data=draft_notice(Document(text, "text/plain"), council, ROOT).turtle, format="turtle")
    return _parties(graph, DPV.hasRecipient), _parties(graph, DPV.hasDataSource)


def test_the_council_is_the_controller_and_other_councils_services_never_match():
    assert _synthetic("Sharing your information\n\nWe may share your information with the Council.\n") == ([], [])
    recipients, _ = _synthetic("Sharing your information\n\nWe may share your information with "
                               "Housing Services and other local authorities.\n")
    assert not any(r.startswith(ORG) for r in recipients)  # no other council's housing service
    assert RTYPE + "local-authority" in recipients  # other local authorities are other bodies


def test_a_list_item_names_bodies_up_to_its_first_sentence_end_and_before_a_qualifying_clause():
    recipients, _ = _synthetic("Sharing your information\n\nWe may share your information with:\n\n"
                               "  • Schools. This is so that they can plan support.\n"
                               "  • Contractors providing IT services\n"
                               "  • Courts e.g. the family court\n")
    assert RTYPE + "school" in recipients and RTYPE + "contractor" in recipients
    assert not any("plan" in r or "it-services" in r for r in recipients)  # no candidate from the clause


def test_sentences_before_the_one_that_introduces_a_list_are_read():
    recipients, _ = _synthetic("Sharing your information\n\nInformation will be shared with the police. "
                               "We also share it with the bodies below:\n\n  • schools\n")
    assert RTYPE + "police" in recipients and RTYPE + "school" in recipients
    assert not any("bodies-below" in r for r in recipients)  # the sentence introducing the list names no body


def test_examples_after_a_qualifying_clause_are_still_bodies():
    _, sources = _synthetic("Personal information we collect\n\nThe information we collect includes:\n\n"
                            "  • information from individuals involved in your care, including schools and the police\n")
    assert RTYPE + "school" in sources and RTYPE + "police" in sources


def test_an_item_of_what_is_held_is_one_category_when_it_says_where_it_comes_from():
    from sharinggraph.extract.reading import Document

    text = ("Personal information we collect\n\nThe information we collect includes:\n\n"
            "  • information about your situation given to us by your family and schools\n")
    graph = Graph().parse(data=draft_notice(Document(text, "text/plain"), "Wandsworth Borough Council", ROOT).turtle,
                          format="turtle")
    held = [str(o) for node in graph.subjects(DPV.hasPersonalData, None) for r in graph.objects(node, PROV.wasDerivedFrom)
            for sel in graph.objects(r, OA.hasSelector) for o in graph.objects(sel, OA.exact)]
    # one category, the whole item: the bodies after "given to us by" are no categories of their own
    assert held == ["information about your situation given to us by your family and schools"]
    assert RTYPE + "school" in _parties(graph, DPV.hasDataSource)


def test_an_unknown_example_of_a_category_is_no_candidate_of_its_own():
    from sharinggraph.extract.reading import Document

    text = ("Personal information we collect\n\nThe information we collect includes:\n\n"
            "  • education records (such as attendance, and the colour of the school gate)\n"
            "  • the colour of your front door, health needs\n")
    draft = draft_notice(Document(text, "text/plain"), "Wandsworth Borough Council", ROOT)
    labels = draft.turtle
    assert "school-attendance" in labels                    # a known example is a category
    assert "colour-of-the-school-gate" not in labels        # an unknown example is covered by its category
    assert "colour-of-your-front-door" in labels            # an unknown item of the list stays a candidate


def test_words_that_name_no_body_give_no_flow():
    recipients, sources = _synthetic("Sharing your information\n\nWe may share your information with agencies, "
                                     "services and the police, including agencies.\n\nWe may request information "
                                     "from someone else or schools.\n")
    assert recipients == [RTYPE + "police"]
    assert RTYPE + "school" in sources and not any("someone" in s for s in sources)


def test_children_and_young_people_as_a_source_are_the_data_subjects():
    _, sources = _synthetic("Where we get your information\n\nWe collect information from young people themselves "
                            "and from schools.\n\nWe also receive information from children's centres.\n")
    assert "https://w3id.org/dpv#DataSubjectDataSource" in sources and RTYPE + "school" in sources
    assert RTYPE + "childrens-centre" in sources  # a body for children is no child


def test_a_sharing_sentence_counts_under_any_heading_and_a_right_to_object_names_no_recipient():
    recipients, _ = _synthetic("Your rights\n\nYou have the right to object to us sharing your data with the "
                               "Home Office.\n\nWe occasionally have a duty to provide personal information to "
                               "the police.\n")
    assert recipients == [RTYPE + "police"]


def test_an_unknown_kind_heading_known_examples_gives_way_to_them():
    recipients, _ = _synthetic("Sharing your information\n\nWe can share your data with:\n\n"
                               "  • Judicial Bodies e.g. Courts\n  • Quangos e.g. the Imaginary Board\n")
    assert RTYPE + "court" in recipients and not any("judicial" in r for r in recipients)
    assert any("quangos" in r for r in recipients)  # no example the vocabularies know: the kind stays a candidate


def test_an_unknown_umbrella_category_gives_way_to_the_examples_the_vocabularies_know():
    from sharinggraph.extract.reading import Document

    text = ("Personal information we collect\n\nThe information we collect includes:\n\n"
            "  • Identifying particulars (name, date of birth)\n  • Curious particulars (such as shoe size)\n")
    turtle = draft_notice(Document(text, "text/plain"), "Wandsworth Borough Council", ROOT).turtle
    assert "category/name" in turtle and "category/date-of-birth" in turtle
    assert "identifying-particulars" not in turtle       # the examples say what it is
    assert "curious-particulars" in turtle               # no example known: the umbrella stays a candidate
