"""Speaker resolution and question types, against registries built from real transcripts."""

import pytest

from chat.names import Speaker
from chat.question import understand
from index.catalog import speaker_registry
from ingest import parse_file


def _registry(*transcripts) -> list[Speaker]:
    merged: dict[str, Speaker] = {}
    for transcript in transcripts:
        for entry in speaker_registry(transcript):
            merged.setdefault(entry.name, Speaker(entry.name, entry.role, entry.labels))
    return list(merged.values())


@pytest.fixture(scope="module")
def sample_registry(sample_path):
    return _registry(parse_file(sample_path))


@pytest.fixture(scope="module")
def wide_registry(sample_path, corpus_file):
    return _registry(
        parse_file(sample_path),
        parse_file(corpus_file("fomc_pdf/FOMCpresconf20220615.pdf")),
        parse_file(corpus_file("whitehouse_html/wh_2020-03-16_covid_task_force.html")),
    )


@pytest.mark.parametrize(
    "question, speaker",
    [
        ("What did Chen Shaobo say about talent?", "Chen Shaobo"),
        ("what did chen shaobo say about talent", "Chen Shaobo"),
        ("What did Chen Shaobu say about talent?", "Chen Shaobo"),  # misspelt
        ("What did Governor Liang say about grain?", "Liang Huiling"),
        ("What did Vice Governor Yu say about forests?", "Yu Jian"),
        ("What did the executive vice governor say about robots?", "Chen Shaobo"),
        ("What did the governor say about new productive forces?", "Liang Huiling"),
        ("What did the spokesperson say at the start?", "Xie Yingjun"),
        ("What did the spokeswoman say at the start?", "Xie Yingjun"),  # one title in its gendered forms
        ("What did the Xinhua reporter ask?", "Xinhua News Agency reporter"),
        ("What did the CCTV reporter want to know?", "CCTV reporter"),
    ],
)
def test_names_titles_roles_outlets(sample_registry, question, speaker):
    assert understand(question, sample_registry).speakers == [speaker]


@pytest.mark.parametrize(
    "question, speaker",
    [
        ("What did Chair Powell say about inflation?", "Chair Powell"),
        ("What did Powell say about the labor market?", "Chair Powell"),
        ("What did Dr. Fauci say about testing?", "Dr. Fauci"),
        ("What did Admiral Giroir say about testing sites?", "Admiral Giroir"),
        ("What did Fauci say about young people?", "Dr. Fauci"),
        ("What did the Fed chair say about wages?", "Chair Powell"),  # the title in his name
        ("What did the Fed chairman say about wages?", "Chair Powell"),
        ("What did Chen Shaobo say about talent?", "Chen Shaobo"),
    ],
)
def test_resolution_across_transcripts(wide_registry, question, speaker):
    assert understand(question, wide_registry).speakers == [speaker]


def test_follow_ups_borrow_speaker_or_topic(sample_registry):
    first = "What did Chen Shaobo say about talent?"
    pronoun = understand("What else did he say?", sample_registry, [first])
    assert pronoun.speakers == ["Chen Shaobo"] and pronoun.borrowed
    switch = understand("And Yu Jian?", sample_registry, [first])
    assert switch.speakers == ["Yu Jian"] and switch.topic == "talent"
    chained = understand("What about her?", sample_registry, [first, "And Liang Huiling?"])
    assert chained.speakers == ["Liang Huiling"]
    for going in ("Go on.", "Keep going", "Continue, please", "Tell me more."):
        more = understand(going, sample_registry, [first])
        assert (more.speakers, more.topic, more.again) == (["Chen Shaobo"], "talent", 1), going


@pytest.mark.parametrize(
    "question, intent",
    [
        ("Who asked about talent?", "who_asked"),
        ("Which reporter raised the ecology question?", "who_asked"),
        ("Who answered the question about new productive forces?", "who_answered"),
        ("How many highly skilled talents does the province have?", "figure"),
        ("When did Liang Huiling mention the Asian Winter Games?", "when"),
        ("What did Chen Shaobo say about talent?", "said"),
        # the main clause asks; the clause before it sets the scene
        ("When the reporters came back, what did Chen Shaobo say about talent?", "said"),
        ("When the reporters came back, how many talents did Chen Shaobo count?", "figure"),
        # the verbs of an exchange: who asks, who takes the question; "was asked" is the one answering
        ("Which journalist raised the issue of talent?", "who_asked"),
        ("Who brought up grain security?", "who_asked"),
        ("Who posed the question about ecology?", "who_asked"),
        ("Which media outlet inquired about talent?", "who_asked"),
        ("Who was asked about talent?", "who_answered"),
        ("Which official fielded the question about talent?", "who_answered"),
        ("Who took the question on grain?", "who_answered"),
        ("Who handled the question on ecology?", "who_answered"),
        ("Who spoke about talent?", "said"),  # whoever said it: quotes, not the exchange
        ("What did Chen Shaobo take away from the talent policy?", "said"),
        ("What did reporters ask?", "questions"),
        # the kind of answer from the question's form, wherever its words stand
        ("What is the number of highly skilled talents in the province?", "figure"),
        ("What was the forest coverage rate?", "figure"),
        ("In what year did Heilongjiang issue the talent measures?", "when"),
        ("What did Liang Huiling say about the growth rate?", "said"),
        ("List the reporters' questions", "questions"),
    ],
)
def test_question_types(sample_registry, question, intent):
    assert understand(question, sample_registry).intent == intent


@pytest.mark.parametrize(
    "question, speakers, topic",
    [
        # requests, prepositions that lead to the topic, contractions and nouns of speech are no topic
        ("Show me what Chen Shaobo said regarding talent", ["Chen Shaobo"], "talent"),
        ("What's Chen Shaobo's take on talent?", ["Chen Shaobo"], "talent"),
        ("What were the governor's remarks concerning grain production?", ["Liang Huiling"], "grain production"),
        ("According to Chen Shaobo, what is key to revitalizing Heilongjiang?", ["Chen Shaobo"], "key revitalizing Heilongjiang"),
        ("Give me Chen Shaobo's quotes about talent", ["Chen Shaobo"], "talent"),
        ("Chen Shaobo talent quote", ["Chen Shaobo"], "talent"),
        ("Any quotes on the ice and snow economy?", [], "ice snow economy"),
        ("Did Yu Jian say whether forests grew?", ["Yu Jian"], "forests grew"),
        ("How does Yu Jian characterize the forests?", ["Yu Jian"], "forests"),
        ("Which journalist raised the issue of talent?", [], "talent"),
        ("Which official fielded the question about talent?", [], "talent"),
        ("How large is Heilongjiang's grain output?", [], "Heilongjiang's grain output"),
        ("What figure did Chen Shaobo give for returning talents?", ["Chen Shaobo"], "returning talents"),
        ("What statistics did the governor cite about grain?", ["Liang Huiling"], "grain"),
        # a word of the exchange is a topic where the question is not about the exchange
        ("What did Liang Huiling say about raised living standards?", ["Liang Huiling"], "raised living standards"),
    ],
)
def test_topic_is_what_is_asked_about(sample_registry, question, speakers, topic):
    understood = understand(question, sample_registry)
    assert (understood.speakers, understood.topic) == (speakers, topic)


def test_topic_leaves_out_the_name_and_the_scaffolding(sample_registry):
    understood = understand("What did Governor Liang say about grain output?", sample_registry)
    assert understood.topic == "grain output"
    understood = understand("Summarize the discussion about what Mr. Yu Jian was saying on forests.", sample_registry)
    assert understood.topic == "forests"


def test_a_clause_setting_the_scene_is_no_topic(sample_registry):
    understood = understand("When the reporters came back from the break, what did Chen Shaobo say about talent?", sample_registry)
    assert understood.speakers == ["Chen Shaobo"] and understood.topic == "talent"
    assert "reporters came back" in understood.asked  # the embedding still reads the whole question
    # a clause that is itself the topic stays
    assert "recession" in understand("With recession fears rising, what did Yu Jian say?", sample_registry).topic


def test_a_subject_that_names_no_one_is_not_the_topic(sample_registry):
    """"the officials", "anyone": who is asked about, in words that name no one, not what."""
    assert understand("What did the officials say about rural incomes?", sample_registry).topic == "rural incomes"
    assert understand("Did anyone talk about semiconductors?", sample_registry).topic == "semiconductors"


def test_unknown_person_is_flagged(sample_registry):
    understood = understand("What did President Biden say about tariffs?", sample_registry)
    assert understood.speakers == [] and understood.unknown == "President Biden"
    assert understand("What did he say?", sample_registry).unknown is None
    # a role the registry doesn't record is not someone who never spoke
    assert understand("What did the national security adviser say?", sample_registry).unknown is None


def test_a_follow_up_asks_for_what_its_own_words_ask(sample_registry):
    """After a figure question, "And the governor?" wants a figure too; "And what did the governor say
    about graduates?" wants what she said, figure or none."""
    first = "How many households benefited from the new heating capacity?"
    assert understand("And the governor?", sample_registry, [first]).intent == "figure"
    own = understand("And what did the governor say about college graduates?", sample_registry, [first])
    assert own.intent == "said" and own.speakers == ["Liang Huiling"]


def test_it_in_a_follow_up_stands_for_the_previous_topic(sample_registry):
    understood = understand("What did Yu Jian say about it?", sample_registry, ["What did Chen Shaobo say about talent?"])
    assert understood.speakers == ["Yu Jian"] and understood.topic == "talent"


def test_a_long_history_is_read_once(sample_registry, monkeypatch):
    """Each earlier question is read once, carrying its reading to the next, and only the last MAX_HISTORY:
    a history of 40 "?" costs 21 readings (it cost 2^40 when each earlier question was re-read with its own history)."""
    import chat.question as question

    calls = []
    real = question.read
    monkeypatch.setattr(question, "read", lambda *args: calls.append(1) or real(*args))
    understood = question.understand("and?", sample_registry, ["?"] * 40)
    assert len(calls) == question.MAX_HISTORY + 1 and understood.speakers == []
    long = question.understand("What did he say?", sample_registry, ["What did Chen Shaobo say about talent?"] + ["?"] * 500)
    assert long.speakers == []  # the naming question is past the history bound, so nobody is borrowed


def test_a_follow_up_without_a_topic_or_name_borrows_both(sample_registry):
    first = "What did Chen Shaobo say about talent?"
    more = understand("Anything more?", sample_registry, [first])
    assert more.speakers == ["Chen Shaobo"] and more.topic == "talent" and more.again == 1
