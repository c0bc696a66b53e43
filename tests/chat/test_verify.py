"""The verifier on hand-written model answers over real turns of the sample transcript."""

import pytest

from chat.contract import Citation
from chat.verify import REFUSAL, units, verify
from ingest import parse_file

CHEN_FIGURE = (
    "Last year, the number of highly skilled talents in our province reached 825,000, "
    "accounting for 31.7% of the total number of skilled talents."
)
LIANG_OIL = "It has produced a total of 2.53 billion tons of crude oil, accounting for 36% of the country’s onshore crude oil production."


@pytest.fixture(scope="module")
def sources(sample_path) -> list[Citation]:
    """[1] Chen Shaobo on talent, [2] Liang Huiling's opening remarks, [3] Yu Jian on ecology."""
    transcript = parse_file(sample_path)
    turns = [transcript.turns[i] for i in (7, 1, 10)]
    return [
        Citation(
            n=n, transcript_id=transcript.id, transcript_title=transcript.title, date=transcript.date,
            speaker=t.speaker, role=t.role, kind=t.kind, turn_index=t.index, timestamp=t.timestamp,
            start=t.start, end=t.end, quote=t.text,
        )  # fmt: skip
        for n, t in enumerate(turns, 1)
    ]


def test_sources_hold_the_quoted_sentences(sources):
    assert CHEN_FIGURE in sources[0].quote and LIANG_OIL in sources[1].quote


def test_correct_quote_is_kept_and_narrowed(sources):
    text = f'Chen Shaobo said: "{CHEN_FIGURE}" [1]'
    answer = verify("q", text, sources)
    assert not answer.refused and answer.unsupported == []
    assert answer.answer == text
    [cite] = answer.citations
    assert (cite.n, cite.speaker, cite.quote) == (1, "Chen Shaobo", CHEN_FIGURE)


def test_curly_versus_straight_apostrophes_and_whitespace_are_the_only_leeway(sources):
    straight = LIANG_OIL.replace("’", "'").replace(" tons", "\n  tons")
    answer = verify("q", f'Liang Huiling said “{straight}” [2]', sources)
    assert not answer.refused
    assert answer.citations[0].quote == LIANG_OIL  # the source's own characters
    answer = verify("q", f'Liang Huiling said "{LIANG_OIL.lower()}" [2]', sources)
    assert answer.refused


def test_quote_with_one_word_changed_is_dropped(sources):
    changed = CHEN_FIGURE.replace("highly skilled talents", "highly skilled workers")
    text = f'Chen Shaobo said "{changed}" [1]'
    answer = verify("q", text, sources)
    assert answer.refused and answer.answer == REFUSAL
    assert answer.unsupported == [text]


def test_quote_cited_to_the_wrong_source_is_dropped(sources):
    text = f'Chen Shaobo said "{CHEN_FIGURE}" [2]'
    assert verify("q", text, sources).unsupported == [text]


def test_quote_put_in_another_speakers_mouth_is_dropped(sources):
    for text in [f'Liang Huiling said "{CHEN_FIGURE}" [1]', f'In Liang’s words, "{CHEN_FIGURE}" [1]']:
        assert verify("q", text, sources).unsupported == [text]


def test_invented_number_is_dropped_and_true_one_kept(sources):
    invented = "The number of highly skilled talents reached 900,000 [1]."
    true = "The number of highly skilled talents reached 825000, or 31.7% of skilled talents [1]."
    answer = verify("q", f"{invented} {true} {invented} {true}", sources)  # repeats count once
    assert answer.unsupported == [invented]
    assert answer.answer == true
    assert answer.citations[0].quote == CHEN_FIGURE  # the source sentence the claim rests on


def test_number_in_another_source_does_not_count(sources):
    text = "Daqing Oilfield has produced a total of 2.53 billion tons of crude oil [1]."
    assert verify("q", text, sources).refused
    assert not verify("q", text.replace("[1]", "[2]"), sources).refused


def test_paraphrase_in_other_words_is_dropped(sources):
    # What SmolLM2 wrote from Liang Huiling's remarks: the number is hers, the rest is not.
    invented = (
        "Heilongland has been a pioneer in scientific and technological innovation, with 78 universities "
        "across the country having made significant contributions to science technology medicine [2]."
    )
    true = "Heilongjiang is rich in science and education resources, with 78 universities [2]."
    answer = verify("q", f"{invented} {true}", sources)
    assert answer.unsupported == [invented] and answer.answer == true.replace("[2]", "[1]")


def test_nonexistent_source_is_dropped(sources):
    text = f'Chen Shaobo said "{CHEN_FIGURE}" [9]'
    answer = verify("q", text, sources)
    assert answer.refused and answer.unsupported == [text]
    answer = verify("q", f'Chen Shaobo said "{CHEN_FIGURE}" [1, 9]', sources)
    assert answer.refused


def test_uncited_claim_is_dropped_framing_kept(sources):
    claim = "Heilongjiang has the best talent policy in China."
    cited = f'Chen Shaobo said "{CHEN_FIGURE}" [1]'
    answer = verify("q", f"Here is what was said:\n{claim} {cited}", sources)
    assert answer.unsupported == [claim]
    assert answer.answer == f"Here is what was said:\n{cited}"


def test_framing_alone_is_no_answer(sources):
    for framing in ["Here is what was said:", "Here is what Chen Shaobo said:", "The figure was 825,000:"]:
        assert verify("q", framing, sources).refused


def test_renumbered_in_order_of_first_use(sources):
    text = (
        'Yu Jian spoke about ecology [3]. '
        'Chen Shaobo said "this is a phrase nobody said" [2]. '
        f'Chen Shaobo said "{CHEN_FIGURE}" [1]. Both spoke of talent and ecology [3, 1].'
    )
    answer = verify("q", text, sources)
    assert answer.unsupported == ['Chen Shaobo said "this is a phrase nobody said" [2].']
    assert answer.answer == f'Yu Jian spoke about ecology [1]. Chen Shaobo said "{CHEN_FIGURE}" [2]. Both spoke of talent and ecology [1, 2].'
    assert [(c.n, c.speaker) for c in answer.citations] == [(1, "Yu Jian"), (2, "Chen Shaobo")]
    for cite, source in zip(answer.citations, [sources[2], sources[0]]):
        assert cite.quote in source.quote and cite.turn_index == source.turn_index


def test_citation_after_the_period_and_quotes_over_sentences(sources):
    two = "To revitalize Heilongjiang, talent is the key. Therefore, we always insist that talents are the first resource"
    line = f'Chen Shaobo said "{two}". [1] Yu Jian spoke next.'
    assert units(line) == [f'Chen Shaobo said "{two}". [1]', "Yu Jian spoke next."]
    answer = verify("q", line, sources)
    assert answer.citations[0].quote == two
    assert answer.unsupported == ["Yu Jian spoke next."]


def test_unclosed_quotation_is_dropped(sources):
    assert verify("q", 'Chen Shaobo said "Last year, the number [1].', sources).refused
