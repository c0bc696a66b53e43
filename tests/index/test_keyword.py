"""The BM25 index: scores from bm25s, our own top-k selection over the rows that score and pass the mask."""

import numpy as np

from index.keyword import KeywordIndex, terms

TEXTS = [
    "Inflation is too high and we will bring it down.",
    "The labor market remains tight; inflation expectations are anchored.",
    "Thank you.",
    "Inflation, inflation: the committee is strongly committed.",
    "We discussed the balance sheet.",
    "Inflation is too high and we will bring it down.",  # the same text again: a tie
]


def _index():
    metadatas = [
        {"speaker": s, "transcript_id": "t", "kind": "answer", "date_int": 20240101, "turn_index": i, "reply_to": -1}
        for i, s in enumerate("ABABAB")
    ]
    return KeywordIndex.build([f"c{i}" for i in range(len(TEXTS))], TEXTS, metadatas)


def test_search_returns_only_scoring_rows_best_first():
    found = _index().search("inflation", 10)
    assert {cid for cid, _ in found} == {"c0", "c1", "c3", "c5"}
    scores = [s for _, s in found]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    assert _index().search("unheard-of-word", 10) == [] and _index().search("the", 10) == []  # stopword only


def test_ties_break_the_same_way_at_every_k():
    """A shorter list is the start of a longer one, ties included (the fusion relies on it)."""
    index = _index()
    full = index.search("inflation too high", 10)
    assert [cid for cid, _ in full[:2]] == ["c0", "c5"]  # equal texts, equal scores: the earlier row first
    for k in range(1, len(full)):
        assert index.search("inflation too high", k) == full[:k]


def test_mask_keeps_its_rows_only():
    index = _index()
    mask = index.columns["speaker"] == "B"
    assert {cid for cid, _ in index.search("inflation", 10, mask)} == {"c1", "c3", "c5"}


def test_weighted_terms_score_as_the_weighted_sum_of_each_term():
    index = _index()
    alone = {t: index.scores({t: 1.0}) for t in ("inflat", "high")}
    weighted = index.scores({"inflat": 0.25, "high": 2.0})
    assert np.allclose(weighted, 0.25 * alone["inflat"] + 2.0 * alone["high"])
    assert index.doc_freq("inflat") == 4 and index.doc_freq("unheard") == 0


def test_terms_are_the_tokens_bm25s_indexes(sample_path):
    import bm25s
    import Stemmer

    text = sample_path.read_text()
    stemmer = Stemmer.Stemmer("english")
    expected = bm25s.tokenize([text], stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False)[0]
    assert terms(text) == expected and len(expected) > 1000


def test_a_term_is_extended_by_a_longer_indexed_word_that_begins_with_it():
    """"disc" is in "discussed" (indexed as "discuss"); a word no indexed term begins with is not."""
    index = _index()
    assert index.doc_freq("disc") == 0 and index.extended("disc")
    assert not index.extended("nuclear") and not index.extended("zzz")
