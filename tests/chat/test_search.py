"""Search inside transcripts, on a real store (Chroma, BM25, MiniLM) of the sample and two White House briefings:
every mention counted against the parsed transcripts, hits as whole sentences, filters, bounds."""

import re

import pytest
import Stemmer

from chat.search import MAX_QUERY, MAX_WORDS, UnknownSpeaker, search
from index.settings import Settings
from index.store import Store
from ingest import parse_file
from ingest.sentences import sentences

PSAKI = "whitehouse_md/wh_2021-07-16_psaki.md"
SULLIVAN = "whitehouse_md/wh_2023-12-04_jean-pierre_sullivan.md"


@pytest.fixture(scope="module")
def transcripts(sample_path, corpus):
    return [parse_file(p) for p in (sample_path, corpus / PSAKI, corpus / SULLIVAN)]


@pytest.fixture(scope="module")
def store(tmp_path_factory, embedder, transcripts):
    store = Store(Settings(store=tmp_path_factory.mktemp("search"), refresh_seconds=0), embedder)
    store.ingest_many(transcripts)
    return store


def _mentions(transcripts, stem: str, speaker: str | None = None) -> list[tuple[str, int, str]]:
    """Counted without the index: (transcript, turn, sentence) of every word whose Porter2 stem is `stem`."""
    stemmer = Stemmer.Stemmer("english")
    return [
        (t.id, turn.index, s) for t in transcripts for turn in t.turns if speaker in (None, turn.speaker)
        for s in sentences(turn.text) for word in re.findall(r"\w+", s) if stemmer.stemWord(word.lower()) == stem
    ]  # fmt: skip


def test_a_word_finds_every_mention_in_any_form(store, transcripts):
    result = search(store, "Facebook")
    expected = _mentions(transcripts, "facebook")
    assert result.total == len(expected) and result.turns == len({(t, i) for t, i, _ in expected})
    assert sorted(h.citation.quote for h in result.hits) == sorted(set(s for _, _, s in expected))
    assert result.transcripts == 1 and not result.phrase and not result.truncated
    forms = search(store, "talents")  # as the index stems it: "talent", "talents", "talented"
    assert forms.total == len(_mentions(transcripts, "talent"))
    assert {h.citation.quote[a:b].lower() for h in forms.hits for a, b in h.marks} >= {"talent", "talents"}


def test_hits_are_whole_sentences_in_transcript_order_with_turn_and_time(store, transcripts):
    turns = {(t.id, turn.index): turn for t in transcripts for turn in t.turns}
    result = search(store, "Ukraine")
    assert result.total > 5
    for hit in result.hits:
        c = hit.citation
        turn = turns[(c.transcript_id, c.turn_index)]
        assert c.quote in sentences(turn.text), c.quote  # a whole sentence of its turn, verbatim
        assert c.speaker == turn.speaker and c.timestamp == turn.timestamp
        assert hit.marks and all(c.quote[a:b].lower().startswith("ukrain") for a, b in hit.marks)
    order = [(h.citation.date, h.citation.transcript_id, h.citation.turn_index) for h in result.hits]
    assert order == sorted(order) and [h.citation.n for h in result.hits] == list(range(1, len(result.hits) + 1))


def test_a_quoted_phrase_matches_its_words_in_order(store):
    result = search(store, "“talent is the key”")
    assert result.phrase and result.total == 1
    hit = result.hits[0]
    assert hit.citation.quote == "To revitalize Heilongjiang, talent is the key."
    assert (hit.citation.speaker, hit.citation.turn_index, hit.citation.timestamp) == ("Chen Shaobo", 7, "2024-04-26T10:27:15")
    assert [hit.citation.quote[a:b] for a, b in hit.marks] == ["talent is the key"]
    assert search(store, '"the key talent"').total == 0  # the same words in another order are not the phrase


def test_several_words_must_stand_in_one_turn(store, transcripts):
    both = search(store, "Facebook misinformation")
    alone = search(store, "Facebook")
    assert 0 < both.turns < alone.turns
    turns = {(t.id, turn.index): turn.text.lower() for t in transcripts for turn in t.turns}
    for hit in both.hits:  # every hit's turn holds both words; its sentence, one of them at least
        text = turns[(hit.citation.transcript_id, hit.citation.turn_index)]
        assert "facebook" in text and "misinformation" in text
        assert {hit.citation.quote[a:b].lower() for a, b in hit.marks} <= {"facebook", "misinformation", "facebook’s"}


def test_filters_by_speaker_transcript_and_date(store, transcripts):
    psaki = search(store, "Facebook", speaker="Jen Psaki")
    assert psaki.total == len(_mentions(transcripts, "facebook", "Jen Psaki")) > 0
    assert {h.citation.speaker for h in psaki.hits} == {"Jen Psaki"}
    within = search(store, "Ukraine", transcript=transcripts[2].id)
    assert within.total and {h.citation.transcript_id for h in within.hits} == {transcripts[2].id}
    assert search(store, "Ukraine", date_from="2024-01-01").total == 0
    assert search(store, "talent", date_from="2024-04-26", date_to="2024-04-26").total > 0


def test_the_hits_returned_are_bounded_and_the_total_counts_them_all(store):
    every = search(store, "president")
    few = search(store, "president", limit=3)
    assert len(every.hits) > 3 and not every.truncated
    assert (few.total, few.turns, few.transcripts) == (every.total, every.turns, every.transcripts)
    assert len(few.hits) == 3 and few.truncated
    assert [h.citation.quote for h in few.hits] == [h.citation.quote for h in every.hits[:3]]


def test_what_cannot_be_searched_is_said(store):
    assert search(store, "the of and").note.startswith("Every word of “the of and” is too common")
    assert search(store, " \t… ").note == "Type a word or a phrase to search for."
    many = search(store, " ".join(["talent"] * (MAX_WORDS + 1)))
    assert many.note == f"A search is at most {MAX_WORDS} words; this one has {MAX_WORDS + 1}." and many.total == 0
    with pytest.raises(UnknownSpeaker, match="No speaker is named “Nobody Here”"):
        search(store, "talent", speaker="Nobody Here")
    with pytest.raises(ValueError, match=f"at most {MAX_QUERY} characters"):
        search(store, "x" * (MAX_QUERY + 1))
    with pytest.raises(ValueError, match="not a date"):
        search(store, "talent", date_from="2024-02-30")


def test_every_form_of_a_word_is_looked_for(transcripts):
    """The search looks a word's forms up by the start they share with its stem: true of every word here."""
    from chat.search import _prefix
    from index.keyword import tokenize

    words = sorted({w.lower() for t in transcripts for turn in t.turns for w in re.findall(r"\w\w+", turn.text)})
    tokenized = tokenize(words + ["dying", "lying", "probability", "hoping", "happily"])
    stems = {i: stem for stem, i in tokenized.vocab.items()}
    missed = [(w, stems[i]) for w, ids in zip(words, tokenized.ids) for i in ids if not w.startswith(_prefix(stems[i]))]
    assert len(words) > 3000 and not missed
