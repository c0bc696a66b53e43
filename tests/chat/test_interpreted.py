"""Interpreted speech in citations, the quote answer's attribution and the quote check (the Duda press conference)."""

from llama_index.core.schema import NodeWithScore

from chat.compose import chunk_citation, quote_answer, turn_citation
from chat.evidence import Evidence
from index.chunks import chunk_meta, chunk_transcript
from ingest import parse_file

DUDA = "whitehouse_press_conferences/2022-03-10-remarks-by-vice-president-harris-and-president-andrzej-duda-of-poland-in-joint-press-conference.md"


def _nodes(corpus, embedder):
    t = parse_file(corpus / DUDA)
    return t, chunk_transcript(t, embedder.token_ends, embedder.max_tokens - 2, embedder.name)


def _evidence(node, start: int, end: int) -> Evidence:
    """A sentence of the chunk as the scorer would hand it over (the scores don't matter here)."""
    return Evidence(1.0, 1.0, 1.0, 1.0, 0.0, 5.0, NodeWithScore(node=node, score=1.0), start, end)


def test_citations_say_interpreted_only_over_interpreted_words(corpus, embedder):
    t, nodes = _nodes(corpus, embedder)
    mixed = next(n for n in nodes if "Okay, so this time — (as interpreted) — Madam" in n.text)
    meta = chunk_meta(mixed)
    own, madam = mixed.text.index("Okay, so this time"), mixed.text.index("Madam, the situation is very complex.")
    assert not chunk_citation(1, meta, "Okay, so this time", own).interpreted
    assert chunk_citation(1, meta, "Madam, the situation is very complex.", madam).interpreted
    turn = t.turns[meta.turn_index]
    assert turn_citation(1, t, turn, "Madam, the situation is very complex.").interpreted
    assert not turn_citation(1, t, turn, "Okay, so this time").interpreted
    harris = next(n for n in nodes if chunk_meta(n).speaker == "Kamala Harris")
    assert not chunk_citation(1, chunk_meta(harris), harris.text).interpreted


def test_the_quote_answer_says_as_interpreted(corpus, embedder):
    _, nodes = _nodes(corpus, embedder)
    duda = next(n for n in nodes if chunk_meta(n).speaker == "Andrzej Duda" and chunk_meta(n).interpreted)
    a, b = chunk_meta(duda).interpreted[0]
    end = duda.text.index(".", a) + 1
    evidence = _evidence(duda, a, end)
    text, citations = quote_answer([evidence])
    assert text.startswith("Andrzej Duda, President (as interpreted), on March 10, 2022: ") and citations[0].interpreted
    harris = next(n for n in nodes if chunk_meta(n).speaker == "Kamala Harris")
    plain, _ = quote_answer([_evidence(harris, 0, harris.text.index(".") + 1)])
    assert "(as interpreted)" not in plain


def test_the_quote_check_says_as_interpreted(store, corpus):
    from types import SimpleNamespace

    from chat.check import check_quote

    store.ingest(parse_file(corpus / DUDA))
    engine = SimpleNamespace(store=store, registry=lambda: [])  # check_quote reads only these two
    result = check_quote(engine, "Madam, the situation is very complex.")
    assert result.verdict == "verbatim" and result.said_by == "Andrzej Duda"
    assert result.citations[0].interpreted and "As interpreted" in result.message
    own = check_quote(engine, "we stand with the people of Ukraine, that we admire their")
    assert own.said_by == "Kamala Harris" and not own.citations[0].interpreted and "interpreted" not in own.message


def test_the_copied_attribution_says_as_interpreted(corpus, embedder):
    _, nodes = _nodes(corpus, embedder)
    duda = next(n for n in nodes if chunk_meta(n).speaker == "Andrzej Duda" and chunk_meta(n).interpreted)
    a, _ = chunk_meta(duda).interpreted[0]
    quote = duda.text[a : duda.text.index(".", a) + 1]
    line = chunk_citation(1, chunk_meta(duda), quote, a).attribution
    assert line.startswith(f'"{quote}" (as interpreted) — Andrzej Duda, President, ')
