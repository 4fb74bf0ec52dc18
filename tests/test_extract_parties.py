"""One party per body named, with spans into the original text."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from sharinggraph.extract.parties import split_parties

RTYPE_IRI = "https://w3id.org/sharinggraph/id/recipient-type/"


def texts(phrase, start=0, **options):
    return [text for _, _, text in split_parties(phrase, start, **options)]


@pytest.mark.parametrize(("phrase", "expected"), [
    ("police, youth offending team and secure units", ["police", "youth offending team", "secure units"]),
    ("Medical, educational or social care professionals", ["Medical, educational or social care professionals"]),
    # 001 line 32: the head and each example of "such as"
    ("your family, carers and other organisations such as general practitioner, police and schools",
     ["your family", "carers", "other organisations", "general practitioner", "police", "schools"]),
    # 001 line 30: "including"
    ("individuals involved in your child's care, including health and other care providers, carers and relatives",
     ["individuals involved in your child's care", "health", "other care providers", "carers", "relatives"]),
    ("Health professionals (GPs, health visitors)", ["Health professionals", "GPs", "health visitors"]),
    ("Youth Offending Team (YOT)", ["Youth Offending Team (YOT)"]),
    ("schools, colleges, and/or the police", ["schools", "colleges", "the police"]),
    ("Government agencies e.g. DWP", ["Government agencies", "DWP"]),          # 002 line 79
    ("Domiciliary, Residential, Nursing Home and Day Care Care Providers",     # 002 line 87
     ["Domiciliary, Residential, Nursing Home and Day Care Care Providers"]),
    ("Disclosure & Barring Service", ["Disclosure & Barring Service"]),         # 002 line 86
    ("Department for Levelling Up, Housing and Communities", ["Department for Levelling Up, Housing and Communities"]),
    ("Police, Health and Probation Service", ["Police", "Health", "Probation Service"]),
    ("pre- and post-16 providers", ["pre- and post-16 providers"]),
    ("education/schools", ["education", "schools"]),                               # 000 line 58
    # Cheshire West and Chester, https://www.cheshirewestandchester.gov.uk/system-pages/privacy-notices/education-privacy-notice
    ("other third-party organisations, as allowed by law", ["other third-party organisations"]),
    # 001 line 23 (shortened): bracketed examples led by "such as"
    ("personal identifiers (such as name, unique pupil number, NHS number)",
     ["personal identifiers", "name", "unique pupil number", "NHS number"]),
    ("Schools/ Education Providers", ["Schools/ Education Providers"]),             # 001 line 113
    # 001 line 28 (shortened): two record nouns share "of ...": one record, not "details", "support", "wellbeing"
    ("details and records of your child's care, support and wellbeing", ["details and records of your child's care, support and wellbeing"]),
    # 001 line 24: a lone adjective shares the head of the item "or" joins it to, and no other
    ("racial or ethnic origin, sex life or sexual orientation, and health information",
     ["racial or ethnic origin", "sex life", "sexual orientation", "health information"]),
    ("Physical or mental health details", ["Physical or mental health details"]),
    ("name, racial, ethnic origin", ["name", "racial", "ethnic origin"]),   # a comma joins no adjective to a head
    ("Housing & Housing Support providers", ["Housing & Housing Support providers"]),  # the word the next item begins with
    ("Housing & Children's Services", ["Housing", "Children's Services"]),
    ("Schools/ Education Providers]", ["Schools/ Education Providers"]),            # 001 line 113 as written: a stray bracket is no word
    ("Anti-Social Behaviour/Community Safety teams", ["Anti-Social Behaviour/Community Safety teams"]),
    # a body the information passes through is a second body; "via" before a means is not
    ("the Family Advice Project via Camden Council", ["the Family Advice Project", "Camden Council"]),
    ("schools via secure email", ["schools via secure email"]),
    ("the Advice and Support Project", ["the Advice and Support Project"]),   # a name: "project" is an organisation noun
    ("schools and youth projects", ["schools", "youth projects"]),
])
def test_phrases_split_into_the_bodies_they_name(phrase, expected):
    assert texts(phrase) == expected


def test_spans_are_offsets_into_the_original_text():
    text = "We share it with police, youth offending team and secure units when needed."
    start = text.index("police")
    phrase = text[start:text.index(" when")]
    for s, e, part in split_parties(phrase, start):
        assert text[s:e] == part


def test_a_name_whose_first_item_is_a_known_body_is_a_list():
    assert texts("Police and Youth Offending Team") == ["Police and Youth Offending Team"]
    assert texts("Police and Youth Offending Team", keep=lambda t: t == "Police") == ["Police", "Youth Offending Team"]


def test_a_known_item_after_a_record_is_no_part_of_its_complement():
    assert texts("details of any special needs and any exclusions", keep=lambda t: t == "any exclusions") == [
        "details of any special needs", "any exclusions"]


def test_a_known_name_can_be_kept_whole():
    assert texts("Kensington and Chelsea and schools") == ["Kensington", "Chelsea", "schools"]
    assert texts("Kensington and Chelsea and schools", keep=lambda t: t == "Kensington and Chelsea") == [
        "Kensington and Chelsea", "schools"]


def test_nothing_is_invented_from_an_empty_or_punctuation_phrase():
    assert split_parties("", 5) == [] and split_parties(" , and ", 5) == []


def test_match_parties_gives_each_body_its_concept_or_a_candidate():
    from conftest import ROOT

    from sharinggraph.extract.gazetteer import Gazetteer
    from sharinggraph.extract.parties import match_parties

    gazetteer = Gazetteer.from_vocab(ROOT)
    text = "We share with police, youth offending team and secure units."
    start = text.index("police")
    found = [(text[s:e], m.concept and str(m.concept).rsplit("/", 1)[1])
             for s, e, m in match_parties(text[start:-1], start, gazetteer)]
    assert found == [("police", "police"), ("youth offending team", "youth-justice-service"), ("secure units", None)]
    # a capitalised name stays one candidate: "Housing" inside it is not a body named
    name = "Department for Culture, Housing and Sport"
    assert [m.concept for _, _, m in match_parties(name, 0, gazetteer)] == [None]
    # a bracketed qualifier is left out of the lookup, not out of the span (002 line 84)
    ((s, e, match),) = match_parties("Universities (social workers training)", 10, gazetteer)
    assert (s, e, str(match.concept).rsplit("/", 1)[1]) == (10, 48, "university")
    # one service named for two things, the first of which names nothing alone (004 line 180)
    drugs = match_parties("Drug and Alcohol support services", 0, gazetteer)
    assert [(e - s, str(m.concept).rsplit("/", 1)[1]) for s, e, m in drugs] == [(33, "substance-misuse-service")]


def named(text, section_role=None):
    from sharinggraph.extract.inline import named_in

    return [(found.role, text[found.start:found.end]) for found in named_in(text, 0, len(text), section_role)]


@pytest.mark.parametrize(("text", "expected"), [
    # the list runs on through "as well as" and "such as", and stops at a purpose
    ("We will share information with Council departments as well as other organisations such as schools and "
     "the police for the prevention of crime.",
     [("recipients", "Council departments as well as other organisations such as schools and the police")]),
    # the passive: what is shared is the subject
    ("Your information will be shared with the youth offending team.", [("recipients", "the youth offending team")]),
    ("Information may also be passed to the Home Office.", [("recipients", "the Home Office")]),
    ("We provide statistical returns to the Department for Education.", [("recipients", "the Department for Education")]),
    # a name with "for" in it, and a bracket in the list, are the list's words
    ("We share some data with the Office for National Statistics (ONS).",
     [("recipients", "the Office for National Statistics (ONS)")]),
    ("We may share it with government departments (e.g. the Home Office).",
     [("recipients", "government departments (e.g. the Home Office)")]),
    # "including:" carries the list past its colon
    ("We request information from relevant agencies including: health, police and probation.",
     [("sources", "relevant agencies including: health, police and probation")]),
    # "in a number of ways" says how, not who
    ("We collect information from parents and carers in a number of ways.", [("sources", "parents and carers")]),
    # information given to us by a body comes from it
    ("We hold information about your situation given to us by your family and schools.",
     [("sources", "your family and schools")]),
    # shared "between" bodies; a vague head stays when examples follow it
    ("Information may be shared between council services and with other organisations, such as the police.",
     [("recipients", "council services and with other organisations, such as the police")]),
    # a list stops at a verb
    ("The information provided by partner agencies is generally brief.", [("sources", "partner agencies")]),
    # "others" with examples: the examples are named
    ("We collect your data from others (e.g. council staff or external organisations) who inform us.",
     [("sources", "others (e.g. council staff or external organisations)")]),
    # the noun "sharing" says the council shares
    ("The sharing of information with the DWP is covered by the Welfare Reform Act 2012.",
     [("recipients", "the DWP")]),
    ("This will involve some sharing of information between council departments and with other organisations.",
     [("recipients", "council departments and with other organisations")]),
    # exchanging "with each other": every body named before the verb gives and receives
    ("Agencies such as the police and health services are required to exchange information with each other.",
     [("recipients", "the police and health services"), ("sources", "the police and health services")]),
    # "but" ends the list; a name with "but" inside a word does not
    ("Your information will be shared with schools but only in a form that does not identify you.",
     [("recipients", "schools")]),
    ("We may share your information with the Butler Trust.", [("recipients", "the Butler Trust")]),
    # "a"/"an" straight after a name opens a new clause; after a join or an introducer it is one more body
    ("Before any sharing of information with the Cabinet Office a contract is signed.", [("recipients", "the Cabinet Office")]),
    ("We share information with schools, a GP and a social worker.", [("recipients", "schools, a GP and a social worker")]),
    ("We may share information with health services, for example a GP.",
     [("recipients", "health services, for example a GP")]),
    # what is reported, named after the body it goes to; "the" after a name's "of" is the name's
    ("The council must report to the Department for Education the number of children in care.",
     [("recipients", "the Department for Education")]),
    ("We share information with the Office of the Children's Commissioner.",
     [("recipients", "the Office of the Children's Commissioner")]),
])
def test_sentences_name_the_bodies_information_goes_to_and_comes_from(text, expected):
    assert named(text) == expected


@pytest.mark.parametrize("text", [
    "We do not share your information with marketing companies.",          # negated
    "We may share your information with other organisations.",              # no body named
    "We will never pass your details to advertisers.",
    "Your information will not be disclosed to other organisations unless the law requires it.",
    "If you receive support from a voluntary organisation, tell your worker.",   # someone else receives
    "Communications you have received from the council are kept on file.",
    "The services provided by the family hub are free.",                    # services, not information
    "Parents can get a copy of the form from the family hub.",               # a form, and parents get it
    "We work with other teams to provide support to children and their families.",  # support, not information
    "We may request support from a voluntary organisation.",
    "Partner organisations will not share information with each other.",
    "The services provided from these hubs will help families to understand their options.",  # support, not information
    "Our teams report to the Director of Children's Services.",   # a line of management, nothing reported
])
def test_sentences_that_state_no_flow_give_none(text):
    assert named(text) == []


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Council departments as well as other organisations", ["Council departments", "other organisations"]),
    ("government departments (e.g. the Home Office)", ["government departments", "the Home Office"]),
    ("Borough Police and the Metropolitan Police Service", ["Borough Police", "the Metropolitan Police Service"]),
    ("Private and voluntary sector partners", ["Private and voluntary sector partners"]),
    ("Police and voluntary sector partners", ["Police", "voluntary sector partners"]),
    ("the Rescue and Response team", ["the Rescue and Response team"]),   # a name; its organisation noun in lower case
    ("council departments and with other organisations", ["council departments", "other organisations"]),
    # a record and what it is of: the complement's list is one record, until an item has its own record noun
    ("details of family and close relations", ["details of family and close relations"]),
    ("sensitive information about you and your family", ["sensitive information about you and your family"]),
    ("name, details of family, contact details and address", ["name", "details of family", "contact details", "address"]),
])
def test_lists_split_at_their_joins_and_shared_heads_stay_whole(phrase, expected):
    assert texts(phrase) == expected


def test_a_body_judged_relevant_is_looked_up_as_a_relevant_one():
    from sharinggraph.extract.parties import lookup_variants, without_clauses

    text = "any other person or agency deemed relevant to the enquiry"
    assert without_clauses(text, 0, len(text)) == [(0, len(text))]
    assert "relevant agency" in lookup_variants("agency deemed relevant to the enquiry")
    assert not any("relevant" in v for v in lookup_variants("agency deemed necessary by the court"))
    assert without_clauses("agencies deemed necessary", 0, 25) == [(0, 8)]


def test_a_participle_known_qualifies_the_body_before_it():
    from sharinggraph.extract.parties import without_clauses

    text = "any relevant agency known to be working with the family"
    assert without_clauses(text, 0, len(text)) == [(0, len("any relevant agency"))]
    assert without_clauses("Knowsley Council", 0, 16) == [(0, 16)]


def test_one_body_keeps_a_service_named_for_two_things_whole():
    from sharinggraph.extract.gazetteer import Gazetteer
    from sharinggraph.extract.parties import one_body

    service, police = URIRef(RTYPE_IRI + "substance-misuse-service"), URIRef(RTYPE_IRI + "police")
    only = Gazetteer({"party": [("Drug and alcohol services", service), ("Police", police)]})
    match = lambda words: only.match(words, "party")  # noqa: E731
    assert one_body("Drug and Alcohol support services", match)
    assert not one_body("Police and youth support services", match)  # "Police" names a body alone
    assert one_body("the drug and alcohol services team", match)


def test_what_processing_includes_is_operations_not_categories():
    assert named("The processing of your information includes the collection, use and sharing of it.", "holds") == []
    assert named("We collect information such as your name, address and date of birth.", "holds") == [
        ("holds", "your name, address and date of birth")]
