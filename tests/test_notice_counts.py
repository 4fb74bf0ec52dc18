"""Per-notice counts, each derived by reading the source text (line numbers of the seed files).

Waltham Forest Children's Social Care (seed 000):
  sharing 19   = 16 flows for the 14 items of "Who your information may be shared with" (lines
                 56-69; "education/schools" and "government departments (e.g. the Home Office)"
                 name two recipients each) + 3 to police, education and health (line 73)
  collection 14 = 1 from the family (line 13) + 3 from police, education and health (line 73)
                 + 9 items of "The people we may need to ask" (lines 77-85) + the NHS (line 87)
  recipients 15 (distinct: police, health, education, schools, housing, probation, youth
                 offending, education welfare, pupil admissions, court, universal/targeted
                 services, Ofsted, government departments, Home Office, other local authorities)
  sources 12    (the family; police; education; health; GP; health professionals (lines 78-79);
                 school; voluntary organisations; professionals; family members (lines 83-84);
                 any relevant agency; the NHS)
  categories 26 = 23 items (lines 15-37) + 2 more on line 19 + 1 more on line 36
  gateways 7    (Children Act 1989 and 2004, Children and Families Act 2014, Children and
                 Social Work Act 2017, Homelessness Reduction Act 2017 (line 43), CA 1989 s.17
                 and s.47 (line 43))

Waltham Forest Troubled Families (seed 003):
  sharing 13   = 10 flows for the 8 partner items (lines 18-25; two compound items) + the ONS
                 (lines 6, 26, 28) + the ONS sharing results with government and local
                 authorities (line 29)
  collection 1 (from partner organisations, line 11); the ONS linking (line 29) is a Combine
  recipients 13, sources 2 (partner organisations; government departments via the ONS),
  categories 8 (line 9), gateways 0 (the notice cites no Act as a gateway)

Barking and Dagenham Children's social care (seed 001):
  sharing 24   = 18 flows for the 15 items of "We may share your information" (lines 102-116;
                 lines 102, 104 and 111 name two recipients each) + 5 internal departments
                 (lines 120-124) + third parties (line 126)
  collection 11 = 1 from the family (line 13) + 4 sources named on line 30 (health providers,
                 other care providers, carers, relatives) + 6 on line 32 (family, carers, other
                 organisations, general practitioner, police, schools)
  recipients 22 (advocates and solicitors are both legal advisers; borough councils and other
                 local authorities are both local authorities)
  sources 9, categories 25 (lines 23-32, each example named), gateways 7 (lines 82-88; the Human
                 Rights Act 1998 (line 89) and the Equality Act 2010 (line 90), listed as "legal
                 gateways", authorise no processing: sg:citesLaw, issue 9)

Wandsworth Children's Social Care (seed 002):
  sharing 42   = 36 flows for the 32 items of "We can share your data with" (lines 64-95; line 64
                 names a category and three bodies, line 79 a category and the DWP) + 2 through
                 Connecting your Care (health and care professionals, line 99) + 4 for Supporting
                 Families (council departments, other organisations, education, employment; line 161)
  collection 5 = 4 from line 60 (you, council staff, external organisations, individuals) + NHS
                 records viewed through Connecting your Care (line 99)
  recipients 37 (33 distinct in the list, "Education Providers" and care providers repeat; + health
                 professionals; + other organisations, education and employment for Supporting Families)
  sources 5, categories 28 (15 named in lines 128-135, 13 in lines 139-147),
  gateways 15 (13 items in lines 39-51; lines 39 and 46 each name two Acts; the Equality Act 2010,
                 FOIA 2000, EIR 2004, DPA 2018 and GDPR of lines 52-56 are cited in other roles,
                 sg:citesLaw)

Kensington and Chelsea / Westminster page (seed 004), one notice per service:
  general (lines 1-44): sharing 16 = 4 (line 11: police, local authorities, health authorities,
    probation trusts) + DWP under WRA s.131 (line 14) and s.134 (line 15) + 10 recipients named on
    line 22; collection 3 (the family, lines 4-6; DWP s.131, line 14; DWP s.134, line 15);
    recipients 12, sources 2, categories 4 (school census 13; benefits and worklessness 14; IP
    addresses 36), gateways 4 (CA 1989 s.17 line 12; WRA s.131, s.134; Digital Economy Act line 16)
  supporting-families (45-67): sharing 6 (partners 46/51; Family Hub 48 and its onward sharing;
    ONS 53; ONS results to government and local authorities 54); collection 2 (internal
    departments and partners, line 50); recipients 5, sources 3, categories 6 (lines 48, 52, 53,
    56), gateways 6 (line 57, the Acts other than the DPA 2018 and the GDPR)
  neet-tracking (68-88): sharing 4 (DfE 69/76, council departments 77, advice services and the
    Westminster Employment Service 78); collection 3 (schools and colleges 74; young people and
    parents/carers 75); recipients 4, sources 3, categories 0 (both lists lost, lines 71-72),
    gateways 6 (line 80)
  family-hubs (89-118): sharing 3 (family plan 103, Early Help panel 104, Integrated Leadership
    Team 106); collection 3 (the family 94/102, a referring service 102, other services 105);
    recipients 3, sources 2, categories 16 (name and contact details 95; 15 on line 96, 2 already
    named; family plan 103), gateways 0
  childrens-centres (119-138): sharing 3 (children's social care and police 127, other services
    with consent 128); collection 3 (registration, DWP, two-year-old portal; line 123);
    recipients 3, sources 2, categories 6 (line 123), gateways 4 (line 121)
  youth-offending-team (139-195): sharing 28 = 23 organisations named in lines 168-181 (line 168
    names nine, line 171 two) + Home Office and Youth Justice Board statistics + three report
    recipients (line 165); collection 24 = the same 23 ("share and request ... to and from") + the
    family (149); recipients 27, sources 24, categories 29 (lines 150-157; sexuality, line 158),
    gateways 2 (Crime and Disorder Act 1998, lines 140 and 190; Offender Management Act 2007, line
    190); the Equality Act 2010 (line 158) is cited for equality monitoring, sg:citesLaw
  mash (196-227): sharing 5 (three front doors 197/212, MASE panel 199, police to the MASH 206);
    collection 16 (agencies named in lines 196, 202, 204-209); recipients 5, sources 16,
    categories 14, gateways 4 (CA 1989 s.47, s.17 line 210; CA 2004 s.10, s.11 line 211)
  send (228-249): sharing 5 (providers, mediation, tribunal 239; law enforcement, other
    authorities 240); collection 2 (line 232); recipients 5, sources 2, categories 0 (list lost,
    line 233), gateways 1 (Children and Families Act 2014)
  rescue-and-response (250-267): sharing 3 (RBKC to Brent, Brent to the project, the project to
    its providers; lines 252-255); collection 0 (data already held is used, line 254);
    recipients 3, sources 3 (the three RBKC services of line 252), categories 0, gateways 0
"""

import pytest

KCW = "kensington-chelsea-westminster/"
EXPECTED = {
    KCW + "general": dict(statements=19, sharing=16, collection=3, recipients=12, sources=2, categories=4, gateways=4),
    KCW + "supporting-families": dict(statements=9, sharing=6, collection=2, recipients=5, sources=3, categories=6, gateways=6),
    KCW + "neet-tracking": dict(statements=7, sharing=4, collection=3, recipients=4, sources=3, categories=0, gateways=6),
    KCW + "family-hubs": dict(statements=6, sharing=3, collection=3, recipients=3, sources=2, categories=16, gateways=0),
    KCW + "childrens-centres": dict(statements=6, sharing=3, collection=3, recipients=3, sources=2, categories=6, gateways=4),
    # gateways 2: CDA 1998 (lines 140, 190), OMA 2007 (line 190); Equality Act 2010 (line 158) is sg:citesLaw (issue 9)
    KCW + "youth-offending-team": dict(statements=52, sharing=28, collection=24, recipients=27, sources=24, categories=29, gateways=2),
    KCW + "mash": dict(statements=21, sharing=5, collection=16, recipients=5, sources=16, categories=14, gateways=4),
    KCW + "send": dict(statements=7, sharing=5, collection=2, recipients=5, sources=2, categories=0, gateways=1),
    KCW + "rescue-and-response": dict(statements=6, sharing=3, collection=0, recipients=3, sources=3, categories=0, gateways=0),
    "waltham-forest/childrens-social-care": dict(statements=33, sharing=19, collection=14, recipients=15,
                                                 sources=12, categories=26, gateways=7),
    # gateways 7: lines 82-88; lines 89-90 (HRA 1998, Equality Act 2010) are sg:citesLaw (issue 9)
    "barking-and-dagenham/childrens-social-care": dict(statements=35, sharing=24, collection=11, recipients=22,
                                                       sources=9, categories=25, gateways=7),
    # gateways 15: lines 39-51 (13 items, two naming two Acts); lines 52-56 are sg:citesLaw (issue 9)
    "wandsworth/childrens-social-care": dict(statements=47, sharing=42, collection=5, recipients=37,
                                             sources=5, categories=28, gateways=15),
    "waltham-forest/troubled-families": dict(statements=15, sharing=13, collection=1, recipients=13,
                                             sources=2, categories=8, gateways=0),
}


@pytest.mark.parametrize("notice", sorted(EXPECTED))
def test_counts_match_reading(built, notice):
    counts = {n.notice.split("/notice/")[1]: n for n in built.summary.per_notice}
    found = counts[notice]
    assert {name: getattr(found, name) for name in EXPECTED[notice]} == EXPECTED[notice]


def test_every_notice_has_expected_counts(built):
    assert sorted(n.notice.split("/notice/")[1] for n in built.summary.per_notice) == sorted(EXPECTED)
