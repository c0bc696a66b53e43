"""Whom a question is about (chat/names.py): the subject before the topic, possessives, offices beside
titles, labels made of roles. The registry holds the names and roles the 2023 archive gives its speakers."""

import pytest

from chat.names import Speaker, resolve_speakers

ARCHIVE = [
    Speaker("Karine Jean-Pierre", "Press Secretary", ["MS. JEAN-PIERRE:"]),
    Speaker("Olivia Dalton", "Principal Deputy Press Secretary", ["MS. DALTON:"]),
    Speaker("President Biden", None, ["THE PRESIDENT:"]),
    Speaker("Jake Sullivan", "National Security Advisor", ["MR. SULLIVAN:"]),
    Speaker("Alejandro Mayorkas", "Secretary of Homeland Security", ["SECRETARY MAYORKAS:"]),
    Speaker("Miguel Cardona", "Secretary of Education", ["SECRETARY CARDONA:"]),
    Speaker("Janet Yellen", "Secretary of the Treasury", ["SECRETARY YELLEN:"]),
    Speaker("Chair Yellen", None, ["CHAIR YELLEN."]),
    Speaker("Shalanda Young", "OMB Director", ["DIRECTOR YOUNG:", "MS. YOUNG:"]),
    Speaker("Cecilia Rouse", "CEA Chair", ["MS. ROUSE:"]),
    Speaker("Yoon Suk Yeol", "President of the Republic of Korea", ["PRESIDENT YOON:"]),
    Speaker("Andrzej Duda", "President of Poland", ["PRESIDENT DUDA:"]),
    Speaker("White House Aide", None, ["WHITE HOUSE AIDE:"]),
    Speaker("Polish Aide", None, ["POLISH AIDE:"]),
    Speaker("Senior Administration Official", None, ["SENIOR ADMINISTRATION OFFICIAL:"]),
    Speaker("White House Official", None, ["WHITE HOUSE OFFICIAL:"]),
    Speaker("Mr. Sudeikis", None, ["MR. SUDEIKIS:"]),
    Speaker("Reporter", None, ["Q"]),
]


def _who(question: str) -> list[str]:
    return resolve_speakers(question, ARCHIVE)[0]


@pytest.mark.parametrize(
    "question, speakers",
    [
        # the subject of "did", "was" or "according to" is the one asked about; other names are the topic
        ("On Jan. 3, did the press secretary say whether Biden would weigh in on the House speaker fight?", ["Karine Jean-Pierre"]),
        ("What did Biden say about Sullivan?", ["President Biden"]),
        ("According to Sullivan, what did Biden tell Xi?", ["Jake Sullivan"]),
        # a title at every mention: the second "CEA chair" is the subject
        ("At the March 10 briefing with the OMB director and the CEA chair, how did the CEA chair respond?", ["Cecilia Rouse"]),
        # the words of the office beside the title, or its adjective
        ("What did the Homeland Security Secretary say migrants pay smugglers?", ["Alejandro Mayorkas"]),
        ("What did the secretary of education say about loans?", ["Miguel Cardona"]),
        ("What did Treasury Secretary Yellen say about banks?", ["Janet Yellen"]),
        ("What did the Korean president say about deterrence?", ["Yoon Suk Yeol"]),
        # a possessive owning speech is the speaker; owning anything else, the topic
        ("What was Sullivan's answer on Sudan?", ["Jake Sullivan"]),
        ("How did Biden's press secretary describe the meeting?", ["Karine Jean-Pierre"]),
        ("Which reporter asked why Connecticut mattered for the President's gun safety push?", ["Reporter"]),
        # labels made of a role: named by the role beside their other words, never by those words alone
        ("What did the White House aide say?", ["White House Aide"]),
        ("What figure did he give for South Korea's non-lethal aid to Ukraine?", []),  # "aid" is no aide
        # "the official": every official, for the scope to choose among
        ("How many personnel did the official say had been targeted?", ["Senior Administration Official", "White House Official"]),
    ],
)
def test_whom_the_question_is_about(question, speakers):
    assert sorted(_who(question)) == sorted(speakers)


def test_a_demonym_the_office_does_not_spell_leaves_every_president_but_no_aide():
    presidents = _who("How did the Polish president explain the offer of fighter jets?")
    assert "Andrzej Duda" in presidents and "Polish Aide" not in presidents


def test_the_same_surname_is_told_apart_by_the_title():
    assert _who("What did Chair Yellen say about liftoff?") == ["Chair Yellen"]
    assert _who("What did Secretary Yellen say about the debt limit?") == ["Janet Yellen"]


@pytest.mark.parametrize(
    "question, named",
    [
        ("What did Jason Sudeikis say about Kansas City?", "Jason Sudeikis"),  # a label the registry knows by surname
        ("What did Janet Yellen say about the debt limit?", "Janet Yellen"),
        ("What did Sudeikis say about Kansas City?", "Sudeikis"),
        ("What did Secretary Cardona say about loans?", "Secretary Cardona"),
    ],
)
def test_a_given_name_before_a_known_surname_is_part_of_the_name_not_the_topic(question, named):
    spans = resolve_speakers(question, ARCHIVE)[1]
    assert [question[a:b] for a, b in spans][0] == named
