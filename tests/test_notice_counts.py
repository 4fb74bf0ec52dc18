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
  sources 9, categories 25 (lines 23-32, each example named), gateways 9 (lines 82-90)

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
  gateways 20 (18 items in lines 39-56; lines 39 and 46 each name two Acts)
"""

import pytest

EXPECTED = {
    "waltham-forest/childrens-social-care": dict(statements=33, sharing=19, collection=14, recipients=15,
                                                 sources=12, categories=26, gateways=7),
    "barking-and-dagenham/childrens-social-care": dict(statements=35, sharing=24, collection=11, recipients=22,
                                                       sources=9, categories=25, gateways=9),
    "wandsworth/childrens-social-care": dict(statements=47, sharing=42, collection=5, recipients=37,
                                             sources=5, categories=28, gateways=20),
    "waltham-forest/troubled-families": dict(statements=15, sharing=13, collection=1, recipients=13,
                                             sources=2, categories=8, gateways=0),
}


@pytest.mark.parametrize("notice", sorted(EXPECTED))
def test_counts_match_reading(built, notice):
    counts = {n.notice.split("/notice/")[1]: n for n in built.summary.per_notice}
    found = counts[notice]
    assert {name: getattr(found, name) for name in EXPECTED[notice]} == EXPECTED[notice]
