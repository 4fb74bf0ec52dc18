"""The citation parser on the issue's forms, on the seed notices' own phrases, and on text it must leave alone."""

from __future__ import annotations

import pytest
from conftest import ROOT, SOURCES, needs_sources
from rdflib import URIRef

from sharinggraph.extract.citations import find_citations, load_legislation
from sharinggraph.namespaces import EU_GDPR, SG

UKPGA = "http://www.legislation.gov.uk/id/ukpga/"
GDPR = "http://www.legislation.gov.uk/id/eur/2016/679/"


@pytest.fixture(scope="module")
def register():
    return load_legislation(ROOT)


def cited(text, register):
    """(provision or instrument IRI, phrase) per citation, in order."""
    return [(str(c.provision or c.instrument), c.phrase) for c in find_citations(text, register)]


@pytest.mark.parametrize(("text", "expected"), [
    ("s.11 Children Act 2004", [(UKPGA + "2004/31/section/11", "s.11 Children Act 2004")]),
    ("Sections 10 and 11 of the Children Act 2004 place obligations",
     [(UKPGA + "2004/31/section/10", "Sections 10 and 11 of the Children Act 2004"),
      (UKPGA + "2004/31/section/11", "Sections 10 and 11 of the Children Act 2004")]),
    ("S47 of the 1989 Children Act places a duty", [(UKPGA + "1989/41/section/47", "S47 of the 1989 Children Act")]),
    ("The Children Act 1989, 2004", [(UKPGA + "1989/41", "Children Act 1989, 2004"),
                                    (UKPGA + "2004/31", "Children Act 1989, 2004")]),
    ("Article 6(1)(e)", [(GDPR + "article/6/1/e", "Article 6(1)(e)")]),
    ("Article 6(e) Public task", [(GDPR + "article/6/1/e", "Article 6(e)")]),
    ("Art 9(2)(h)", [(GDPR + "article/9/2/h", "Art 9(2)(h)")]),
    ("Schedule 1 Part 2 paragraph 18 of the DPA 2018",
     [(UKPGA + "2018/12/schedule/1/paragraph/18", "Schedule 1 Part 2 paragraph 18 of the DPA 2018")]),
    ("SI 2006/90", [("http://www.legislation.gov.uk/id/uksi/2006/90", "SI 2006/90")]),
    ("Crime & Disorder Act 1998", [(UKPGA + "1998/37", "Crime & Disorder Act 1998")]),
])
def test_the_issues_forms(text, expected, register):
    assert cited(text, register) == expected


def test_a_misnamed_act_is_normalised_through_the_register(register):
    (citation,) = find_citations("Equalities Act 2010", register)
    assert (citation.title, citation.year, citation.known) == ("Equality Act 2010", 2010, True)
    assert citation.instrument == URIRef(UKPGA + "2010/15")


def test_an_act_the_register_does_not_know_is_kept_for_review(register):
    (citation,) = find_citations("under the Widget Safety Act 2021 we may", register)
    assert (citation.phrase, citation.title, citation.year, citation.known) == (
        "Widget Safety Act 2021", "Widget Safety Act 2021", 2021, False)
    assert citation.instrument is None and citation.provision is None


def test_lawful_basis_concepts_come_with_the_articles(register):
    bases = [c.basis for c in find_citations("Article 6(1)(c) and Art 9(2)(g) and Schedule 1 paragraph 18 of the "
                                             "Data Protection Act 2018", register)]
    assert bases == [EU_GDPR["A6-1-c"], EU_GDPR["A9-2-g"], SG["DPA2018-Sch1-Para18"]]


@pytest.mark.parametrize("text", [
    "see article 6 of our charter",
    "see article 6(1)(e) of our charter",
    "Article 8 of the Convention protects family life",
    "Article 10 gives freedom of expression",
    "Article 6(z) of nothing",
    "the 2004 review of services",
    "Act now: call 020 8496 2310",
    "The Act 2000 says",          # no title before "Act"
    "the gdpr team",           # a short acronym in lower case is not a citation
    "under the XYZ 2018 rules",  # an abbreviation the register does not list
    "a section 47 enquiry was held",   # no Act in reach: which Act's section 47 is not said
    "see S.47 below",
    "the Act says so",
    "Children Act",                    # no year, and not a name the register lists without one
    "within these sections of the 1989 Act, then",   # 004 line 210: points back, names no Act
    "In 2019 Ofsted Regulations changed",            # a date before a title is not its year
    "under a Care Order 2019",                       # a court order, not an instrument
    "Please follow our House Rules 2020",
])
def test_text_that_cites_nothing_gives_nothing(text, register):
    assert find_citations(text, register) == []


def seed_line(name: str, number: int) -> str:
    return (SOURCES / name).read_text(encoding="utf-8").splitlines()[number - 1]


@needs_sources
@pytest.mark.parametrize(("seed", "line", "expected"), [
    # 000 line 43: "the 1989 and 2004 Children Acts, ..., S17 of the 1989 Children Act ..., S47 of the 1989 Children Act"
    ("000_417e6ee113b7d9fc.txt", 43, [UKPGA + "1989/41", UKPGA + "2004/31", UKPGA + "2014/6", UKPGA + "2017/16",
                                      UKPGA + "2017/13", UKPGA + "1989/41/section/17", UKPGA + "1989/41/section/47"]),
    ("000_417e6ee113b7d9fc.txt", 50, [GDPR + "article/6/1/e"]),          # "Article 6(e) Public task"
    ("001_58618d6735e90a87.txt", 68, [GDPR + "article/9/2/b"]),          # "Article 9(b) Employment, ..."
    ("001_58618d6735e90a87.txt", 83, [UKPGA + "1989/41"]),               # "Children’s Act 1989" (misnamed)
    ("001_58618d6735e90a87.txt", 88, [UKPGA + "2000/35"]),               # "Leaving Care Act 2000" (misnamed)
    ("002_31cb65f2aeb5f986.txt", 46, [UKPGA + "1983/20", UKPGA + "2007/12"]),  # "Mental Health Act 1983, 2007"
    ("002_31cb65f2aeb5f986.txt", 47, ["http://www.legislation.gov.uk/id/uksi/2006/90"]),
    ("004_2d7eb2bdda8ad05d.txt", 15, [UKPGA + "2012/5/section/134"]),    # "The Welfare Reform Act 2012 section 134"
    ("004_2d7eb2bdda8ad05d.txt", 211, [UKPGA + "2004/31/section/10", UKPGA + "2004/31/section/11"]),
])
def test_seed_notice_phrases_give_the_curated_identifiers(seed, line, expected, register):
    found = [str(c.provision or c.instrument) for c in find_citations(seed_line(seed, line), register)]
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), [
    # 001 lines 72 and 74: the Schedule 1 paragraphs listed after their Part
    (("For (b) and (h) the Data Protection Act 2018 Schedule 1 Part 1 conditions are: paras 1 (Employment, social "
     "security and social protection) and 2 (Health or social care purposes), with the underlying laws"),
     [UKPGA + "2018/12/schedule/1/part/1", UKPGA + "2018/12/schedule/1/paragraph/1",
      UKPGA + "2018/12/schedule/1/paragraph/2"]),
    # 004 line 210: a bare S.47 shares the Act of the S.17 it is coordinated with
    (("fall below a statutory threshold of S.47 (child protection investigation) or even S.17 Children Act 1989 "
     "(Child in Need)."), [UKPGA + "1989/41/section/17", UKPGA + "1989/41/section/47"]),
    # 002 line 53: a registered title in other capitals
    ("Freedom of information Act 2000", [UKPGA + "2000/36"]),
    # 004 lines 57 and 131: the Regulation by its names, any capitals
    ("the General Data Protection Regulation (GDPR) legislation", [GDPR.rstrip("/")]),
    ("The general data protection regulation also gives you", [GDPR.rstrip("/")]),
    # 000 line 71: a name the register gives two Acts
    ("Under the Children Acts, social workers", [UKPGA + "1989/41", UKPGA + "2004/31"]),
])
def test_lists_coordinations_and_names(text, expected, register):
    assert [str(c.provision or c.instrument) for c in find_citations(text, register)] == expected


def test_a_title_the_register_only_holds_the_words_of_is_resolved_for_review():
    # left out Barking and Dagenham's wording ("Leaving Care Act 2000", 001 line 88, misnamed)
    register = load_legislation(ROOT, exclude_council="barking-and-dagenham")
    (citation,) = find_citations("Leaving Care Act 2000", register)
    assert citation.instrument == URIRef(UKPGA + "2000/35") and citation.needs_review
    assert citation.title == "Children (Leaving Care) Act 2000"
    (plural,) = find_citations("Equalities Act 2010", register)      # singular words: a sure match
    assert plural.instrument == URIRef(UKPGA + "2010/15") and not plural.needs_review
    (other,) = find_citations("Care Act 2000", register)             # one word: no guess
    assert (other.known, other.instrument) == (False, None)


def test_the_register_without_a_councils_wording_forgets_only_that_wording():
    full = load_legislation(ROOT)
    without = load_legislation(ROOT, exclude_council="barking-and-dagenham")
    assert full.lookup("Leaving Care Act 2000") and not without.lookup("Leaving Care Act 2000")
    assert without.lookup("Children Act 1989") == full.lookup("Children Act 1989")   # a title, not wording


# Forms from other councils' notices (development set; texts not committed):
# Suffolk https://suffolk.gov.uk/about/privacy-notice/children-and-young-people-services-privacy-notice
# Leeds https://leedsgov-act.leeds.gov.uk/privacy-and-data/service-privacy-notices/children-and-families-privacy/children-and-families-notice
@pytest.mark.parametrize(("text", "expected"), [
    ("for the safeguarding of children and of individuals at risk (Schedule 1, Part 2, section 18, DPA 2018)",
     [(UKPGA + "2018/12/schedule/1/paragraph/18", "Schedule 1, Part 2, section 18, DPA 2018")]),
    ("UK GDPR Article 9(2)(h) – where processing is necessary",
     [(GDPR + "article/9/2/h", "UK GDPR Article 9(2)(h)")]),
])
def test_other_councils_forms(text, expected, register):
    assert cited(text, register) == expected


def test_a_title_with_commas_is_kept_whole_and_unknown():
    # Leeds: "Apprenticeships, Skills, Children and Learning Act 2009" is not the register's; its title
    # must not shrink to a "Children and Learning Act 2009" that does not exist
    (citation,) = find_citations("Apprenticeships, Skills, Children and Learning Act 2009", load_legislation(ROOT))
    assert (citation.title, citation.known) == ("Apprenticeships, Skills, Children and Learning Act 2009", False)
    # 002 line 56, misdated: the Regulation by its name, once, with no unknown "Act" beside it
    without = load_legislation(ROOT, exclude_council="wandsworth")
    assert [(c.instrument, c.known) for c in find_citations("General Data Protection Regulation 2018", without)] == [
        (URIRef(GDPR.rstrip("/")), True)]
    # a list of Acts is not one title
    (education,) = find_citations("the Children Act, Education Act 2002", load_legislation(ROOT))
    assert (education.phrase, education.known) == ("Education Act 2002", False)
