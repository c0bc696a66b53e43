"""Quote check verdicts on quotes from real transcripts, altered, moved and invented."""

import pytest

from chat.check import check_quote, word_diff
from chat.engine import Engine
from index.settings import Settings
from index.store import Store
from ingest import parse_file
from ingest.sentences import sentences

FOMC = "fomc_pdf/FOMCpresconf20220615.pdf"
PSAKI = "whitehouse_md/wh_2021-07-16_psaki.md"


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder, sample_path, corpus_file):
    store = Store(Settings(store=tmp_path_factory.mktemp("check"), refresh_seconds=0), embedder)
    for path in (sample_path, corpus_file(FOMC), corpus_file(PSAKI)):
        store.ingest(parse_file(path))
    return Engine(store)


@pytest.fixture(scope="module")
def turns(sample_path, corpus_file):
    return {p: parse_file(p).turns for p in (sample_path, corpus_file(FOMC), corpus_file(PSAKI))}


def _sentence_of(turns, speaker, containing):
    return next(s for t in turns if t.speaker == speaker for s in sentences(t.text) if containing in s)


def test_verbatim_quote_from_each_transcript(engine, turns, sample_path, corpus_file):
    cases = [
        (sample_path, "Chen Shaobo", "talent is the key"),
        (corpus_file(FOMC), "Chair Powell", "strongly committed to bringing inflation back down"),
        (corpus_file(PSAKI), "Jen Psaki", "Supply Chain Disruption Task Force"),
    ]
    for path, speaker, phrase in cases:
        quote = _sentence_of(turns[path], speaker, phrase)
        result = check_quote(engine, quote, speaker)
        assert result.verdict == "verbatim", (quote, result.message)
        assert result.said_by == speaker and quote.rstrip(".") in result.citations[0].quote
        assert result.diff == []


def test_verdict_without_a_named_speaker_names_who(engine):
    result = check_quote(engine, "To revitalize Heilongjiang, talent is the key.")
    assert result.verdict == "verbatim" and result.said_by == "Chen Shaobo"
    assert result.citations[0].timestamp == "2024-04-26T10:27:15"


@pytest.mark.parametrize(
    "altered, changed",
    [
        ("Last year, the number of highly skilled talents in our province reached 900,000.", ("900,000", "825,000")),
        ("Last year, the number of skilled talents in our province reached 825,000.", ("", "highly")),  # a word dropped
        ("In our province last year, the number of highly skilled talents reached 825,000.", None),  # reordered
    ],
)
def test_altered_quotes_are_close_with_a_word_diff(engine, altered, changed):
    result = check_quote(engine, altered, "Chen Shaobo")
    assert result.verdict == "close", result
    assert result.said_by == "Chen Shaobo"
    ops = [(d.quote, d.transcript) for d in result.diff if d.op != "equal"]
    assert ops
    if changed:
        assert any(changed[0] in q and changed[1] in t for q, t in ops), ops


def test_the_issue_example_with_its_attribution_inline(engine, turns, sample_path):
    result = check_quote(engine, "Chen Shaobo said talent is the key to revitalizing Heilongjiang.")
    assert result.speaker_named == "Chen Shaobo"
    assert result.verdict == "close" and "talent is the key" in result.citations[0].quote
    # what "Copy quote" copies is whole sentences of the turn, not the aligned fragment ("…talent is the key. Therefore,")
    turn = next(t for t in turns[sample_path] if t.index == result.citations[0].turn_index)
    said = sentences(turn.text)
    quote = result.citations[0].quote
    assert quote.startswith(tuple(said)) and quote.endswith(tuple(said)) and quote in turn.text


def test_the_samples_other_translation_is_close(engine):
    # The sample's second copy reads "We strive to stabilize employment"; the stored first copy
    # reads "We are focusing on stabilizing employment".
    quote = "We strive to stabilize employment, and the number of college graduates staying in the province to find employment is the best in the past five years."
    result = check_quote(engine, quote, "Liang Huiling")
    assert result.verdict == "close"
    assert any(d.op == "replace" and "stabiliz" in d.transcript for d in result.diff)


def test_quote_moved_to_another_speaker_is_misattributed(engine):
    result = check_quote(engine, "We are strongly committed to bringing inflation back down.", "Jen Psaki")
    assert result.verdict == "misattributed" and result.said_by == "Chair Powell"
    assert "Chair Powell" in result.message and "Jen Psaki" in result.message


@pytest.mark.parametrize(
    "invented",
    [
        "Heilongjiang will build a nuclear fusion plant on the Moon by 2030.",
        "The Federal Reserve will abolish interest rates next Tuesday.",
    ],
)
def test_invented_quotes_are_not_found_with_nearest_passages(engine, invented, turns):
    result = check_quote(engine, invented)
    assert result.verdict == "not_found" and not result.citations
    assert 1 <= len(result.nearest) <= 3
    every = {s for ts in turns.values() for t in ts for s in sentences(t.text)}
    for near in result.nearest:  # whole sentences, never "…one of the three largest black"
        assert near.quote in every or all(s in every for s in sentences(near.quote)), near.quote
    assert len({n.quote for n in result.nearest}) == len(result.nearest)  # none twice


def test_word_diff_shows_words_as_written():
    ops = word_diff("We strive to stabilize jobs.", "We are focusing on stabilizing jobs.")
    assert [(d.op, d.quote, d.transcript) for d in ops if d.op != "equal"] == [
        ("replace", "strive to stabilize", "are focusing on stabilizing")
    ]
