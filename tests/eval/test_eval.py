"""The eval suite: the gated sets must reach eval/thresholds.toml; metrics, judge and set validator units."""

import json

import pytest

from chat.contract import Answer, Citation
from eval.grounding import Judge
from eval.metrics import Outcome, misses, recall_at_k, reciprocal_rank, summarize
from eval.runner import below, load_thresholds
from eval.sets import Question, SetError, load_set
from ingest import Transcript, Turn

SAMPLE_FILE = "data/demo/scio-heilongjiang-2024-04-26.txt"
SAMPLE_ID = "2024-04-26-state-council-information-office-press-conference"


# -- the sample set against the thresholds ---------------------------------------------------------


# The gate: the tuning set on the demo, and the check sets (written before the engine answered them, on
# transcripts it was not tuned on) that a fresh store can hold in the suite's time; the archive's check
# sets need the whole archive ingested and run in `podium eval` (README, "How well it answers").
GATED = {"sample": False, "check-demo": False, "check-corpus": True}  # set -> needs the shared corpus


@pytest.mark.parametrize("name", GATED)
def test_gated_sets_meet_their_thresholds(name, tmp_path, embedder, request):
    from eval.suite import run_set

    if GATED[name]:
        request.getfixturevalue("corpus")  # skipped with one line when the corpus is not beside the checkout

    result = run_set(load_set(name), embedder, folder=tmp_path / "store", with_baseline=False)
    thresholds = load_thresholds()
    assert thresholds[name]["quote_fidelity"] == 1.0
    assert thresholds[name]["attribution_fidelity"] == 1.0
    assert below([result], thresholds) == []


@pytest.mark.usefixtures("corpus")  # the sets but the demo's point into the shared corpus
def test_committed_sets_are_valid_and_cover_the_brief():
    from eval.sets import available_sets

    every = {name: load_set(name) for name in available_sets()}  # each loads, or names its bad lines
    checks = [q for name, s in every.items() if name.startswith(("check-", "holdout-")) for q in s.questions]
    assert len(checks) >= 150 and {t for q in checks for t in q.tags} >= {"trap", "unanswerable", "interpreted", "date"}
    hand = load_set("sample").questions + load_set("corpus").questions
    tags = [t for q in hand for t in q.tags]
    assert len(hand) >= 60
    assert tags.count("unanswerable") >= 10 and tags.count("trap") >= 10
    assert {"who-asked", "who-answered", "figure", "role", "follow-up", "heldout"} <= set(tags)
    assert len({tid for q in load_set("corpus").questions for tid in q.scope}) >= 2
    qmsum = load_set("qmsum").questions
    assert qmsum and all("retrieval-only" in q.tags and q.gold for q in qmsum)


def test_the_runner_refuses_to_start_without_a_set_or_an_llm(monkeypatch, capsys):
    from eval.runner import main

    monkeypatch.delenv("PODIUM_LLM", raising=False)
    assert main(["no-such-set"], "quote", False) == 2
    assert main(["sample"], "llm", False) == 2
    assert "needs PODIUM_LLM, which is not set" in capsys.readouterr().err


# -- metrics ---------------------------------------------------------------------------------------


def _question(answerable=True, gold=((SAMPLE_ID, 7),), speaker=None, facts=()):
    return Question("q", "?", (), (SAMPLE_ID,), frozenset(gold), speaker, tuple(facts), answerable, ())


def _citation(n, turn, speaker="Chen Shaobo"):
    return Citation(
        n=n, transcript_id=SAMPLE_ID, transcript_title="t", date=None, speaker=speaker, role=None,
        kind="answer", turn_index=turn, timestamp=None, start=None, end=None, quote="x",
    )  # fmt: skip


def test_recall_is_capped_by_what_k_turns_can_hold_and_mrr_is_the_first_hit():
    gold = frozenset({("t", i) for i in range(20)})
    ranked = [("t", 0), ("u", 1), ("t", 1), ("t", 2), ("t", 3)]
    assert recall_at_k(ranked, gold, 5) == 4 / 5
    assert recall_at_k(ranked, frozenset({("t", 1), ("t", 9)}), 5) == 1 / 2
    assert reciprocal_rank(ranked, frozenset({("t", 2)})) == 1 / 4
    assert reciprocal_rank(ranked, frozenset({("x", 0)})) == 0.0


def test_summary_of_citations_speakers_and_refusals():
    right = Outcome(_question(speaker="Chen Shaobo", facts=["talent"]), answer=Answer(
        question="?", answer="talent", refused=False, citations=[_citation(1, 7), _citation(2, 4, "Liang Huiling")]))
    refused_right = Outcome(_question(answerable=False, gold=()), answer=Answer(question="?", answer="no", refused=True))
    refused_wrong = Outcome(_question(facts=["talent"]), answer=Answer(question="?", answer="no", refused=True))
    answered_wrong = Outcome(_question(answerable=False, gold=()), answer=Answer(question="?", answer="a", refused=False))
    m = summarize([right, refused_right, refused_wrong, answered_wrong])
    assert m["citation_precision"] == 1 / 2
    assert m["hit_rate"] == 1 / 2
    assert m["speaker_accuracy"] == 1 / 2
    assert m["fact_recall"] == 1 / 2  # the refused answerable question found none of its fact
    assert m["refusal_precision"] == 1 / 2 and m["refusal_recall"] == 1 / 2


def test_a_trap_fails_when_it_cites_the_speaker_who_never_spoke_about_it():
    trap = _question(answerable=False, gold=((SAMPLE_ID, 7),), speaker="Yu Jian")
    honest = Answer(question="?", answer="Yu Jian did not", refused=True, citations=[_citation(1, 7)])
    misattributed = Answer(question="?", answer="a", refused=False, citations=[_citation(1, 10, "Yu Jian")])
    assert misses(Outcome(trap, answer=honest)) == []
    assert len(misses(Outcome(trap, answer=misattributed))) == 2


# -- the baseline's map from raw text to turns -----------------------------------------------------


def test_baseline_maps_raw_text_back_to_the_turns_it_overlaps(sample_path):
    from eval.baseline import TurnMap, raw_text
    from ingest import parse_file

    transcript = parse_file(sample_path)
    raw = raw_text(sample_path)
    start = raw.index("Thank you for your attention and support for Heilongjiang Talent")
    end = raw.index("ecological resources. I would like to ask")
    turns = TurnMap({transcript.id: transcript}).of(transcript.id, raw[start:end])
    # The most-shared turns first; turns quoting the same phrases ("60 Measures for ...") come after.
    assert turns[:2] == [(transcript.id, 7), (transcript.id, 8)]
    assert (transcript.id, 10) not in turns


def test_the_baseline_reads_every_format_the_sets_use(corpus_file, tmp_path):
    """Raw text of a PDF and of an HTML page, through the parsers the libraries ship today (selectolax 1.0
    dropped the backend the baseline once used, which failed `podium eval --set corpus`)."""
    from eval.baseline import raw_text

    page = tmp_path / "page.html"
    page.write_text("<html><body><p>MR. LEE: Exports rose.</p><p>Q: By how much?</p></body></html>")
    assert raw_text(page).split() == ["MR.", "LEE:", "Exports", "rose.", "Q:", "By", "how", "much?"]
    assert "inflation" in raw_text(corpus_file("fomc_pdf/FOMCpresconf20220615.pdf")).lower()


# -- the grounding judge ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def transcripts():
    turns = [
        Turn(index=0, speaker="Anna Lee", label="ANNA LEE", kind="remark", timestamp="2024-01-02T10:00:05",
             text="Exports rose by 12 percent last year. We opened three new ports."),
        Turn(index=1, speaker="Bo Chen", label="BO CHEN", kind="answer", timestamp="2024-01-02T10:05:00",
             text="The river cleanup will finish in 2026."),
    ]  # fmt: skip
    return {"t": Transcript(id="t", title="T", source="x", format="script", turns=turns)}


def _cite(n, turn, quote, speaker, timestamp):
    return Citation(
        n=n, transcript_id="t", transcript_title="T", date=None, speaker=speaker, role=None,
        kind=["remark", "answer"][turn], turn_index=turn, timestamp=timestamp, start=None, end=None, quote=quote,
    )  # fmt: skip


def test_judge_passes_a_verbatim_attributed_quote(transcripts):
    quote = "Exports rose by 12 percent last year."
    answer = Answer(question="?", refused=False, answer=f'Anna Lee, at 10:00:05: "{quote}" [1]',
                    citations=[_cite(1, 0, quote, "Anna Lee", "2024-01-02T10:00:05")])  # fmt: skip
    g = Judge(transcripts, embedder=None).judge(answer)
    assert (g.quotes.ok, g.quotes.total, g.attributions.ok, g.attributions.total) == (2, 2, 2, 2)
    assert g.claims.ok == g.claims.total == 1 and not g.problems


def test_judge_catches_an_altered_quote_a_wrong_speaker_and_a_wrong_header(transcripts):
    quote = "Exports rose by 15 percent last year."
    answer = Answer(question="?", refused=False, answer=f'Bo Chen, at 10:05:00: "{quote}" [1]',
                    citations=[_cite(1, 0, quote, "Bo Chen", "2024-01-02T10:00:05")])  # fmt: skip
    g = Judge(transcripts, embedder=None).judge(answer)
    assert g.quotes.ok == 0 and g.attributions.ok == 0 and g.claims.ok == 0
    assert len(g.problems) == 5


def test_judge_rejects_prose_with_a_number_not_in_the_cited_turn_and_uncited_claims(transcripts):
    cite = _cite(1, 1, "The river cleanup will finish in 2026.", "Bo Chen", "2024-01-02T10:05:00")
    answer = Answer(question="?", refused=False, citations=[cite],
                    answer="Bo Chen said the cleanup ends in 2027 [1]. Exports doubled in a decade.")  # fmt: skip
    g = Judge(transcripts, embedder=None).judge(answer)
    assert (g.claims.ok, g.claims.total) == (0, 2)


def test_judge_checks_who_an_llm_sentence_says_said_it(transcripts):
    quote = "The river cleanup will finish in 2026."
    cite = _cite(1, 1, quote, "Bo Chen", "2024-01-02T10:05:00")
    right = Answer(question="?", refused=False, citations=[cite], answer=f'Bo Chen said "{quote}" [1].')
    wrong = Answer(question="?", refused=False, citations=[cite], answer=f'Anna Lee said "{quote}" [1].')
    assert not Judge(transcripts, embedder=None).judge(right).problems
    assert Judge(transcripts, embedder=None).judge(wrong).problems == ["header 'Anna Lee' does not match turn 1 (Bo Chen)"]


def test_judge_accepts_a_close_paraphrase_with_the_same_numbers(transcripts, embedder):
    cite = _cite(1, 1, "The river cleanup will finish in 2026.", "Bo Chen", "2024-01-02T10:05:00")
    answer = Answer(question="?", refused=False, citations=[cite], answer="The river cleanup is to be finished in 2026 [1].")
    assert Judge(transcripts, embedder).judge(answer).claims.ok == 1


# -- the set validator -----------------------------------------------------------------------------


def _write(tmp_path, *items) -> str:
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(item) + "\n" for item in items))
    return str(path)


def _item(**changes) -> dict:
    item = {"id": "a", "question": "What did Chen Shaobo say about talent?", "transcripts": [SAMPLE_FILE],
            "gold": [{"turn_index": 7}], "speaker": "Chen Shaobo", "facts": ["825,000"], "answerable": True, "tags": []}  # fmt: skip
    return item | changes


def test_a_valid_set_resolves_files_timestamps_and_ids(tmp_path):
    questions = load_set(_write(
        tmp_path, _item(), _item(id="b", gold=[{"transcript": SAMPLE_ID, "timestamp": "10:27:15"}]),
    )).questions  # fmt: skip
    assert [q.gold for q in questions] == [frozenset({(SAMPLE_ID, 7)})] * 2
    assert questions[0].scope == (SAMPLE_ID,)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"facts": ["900,000"]}, "fact '900,000' is in none of its gold turns"),
        ({"gold": [{"turn_index": 99}]}, "turn 99 is not a turn with text"),
        ({"gold": [{"timestamp": "09:00:00"}]}, "matches 0 turns"),
        ({"gold": [{"turn_index": 7, "timestamp": "10:27:15"}]}, "exactly one of turn_index, timestamp and text"),
        ({"gold": [{"transcript": "other", "turn_index": 7}]}, "not one of the item's transcripts"),
        ({"transcripts": ["data/demo/missing.txt"]}, "transcript file not found"),
        ({"transcripts": ["/etc/passwd"]}, "not an absolute one"),
        ({"speaker": "Xu Xiangguo"}, "does not speak in the item's transcripts"),
        ({"gold": []}, "needs gold turns"),
        ({"answerable": False, "facts": [], "tags": []}, "tag 'trap'"),
        ({"answerable": False, "facts": [], "gold": [], "tags": []}, "tag 'unanswerable'"),
        ({"colour": "red"}, "colour: Extra inputs are not permitted"),
        ({"answerable": "maybe"}, "answerable:"),
    ],
)
def test_the_validator_names_the_line_and_the_problem(tmp_path, changes, message):
    path = _write(tmp_path, _item(**changes))
    with pytest.raises(SetError, match=":1: ") as error:
        load_set(path)
    assert message in str(error.value)


def test_the_validator_reports_every_bad_line_and_duplicate_ids(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(_item()) + "\nnot json\n" + json.dumps(_item()) + "\n")
    with pytest.raises(SetError) as error:
        load_set(str(path))
    assert ":2: not JSON" in str(error.value) and ":3: duplicate id 'a'" in str(error.value)
