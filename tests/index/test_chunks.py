from index.chunks import chunk_meta, chunk_transcript
from ingest import parse_file
from ingest.sentences import sentence_spans


def test_long_turns_split_at_sentences_inside_the_models_window(sample_path, embedder):
    """Counted by the model's own tokenizer (transformers' call, not the offsets chunking reads): every
    part fits the window and ends only where the next sentence would not fit, the parts join back into
    their turn, and short turns stay whole."""
    transcript = parse_file(sample_path)
    window = embedder.max_tokens - 2
    nodes = chunk_transcript(transcript, embedder.token_ends, window, embedder.name)
    tokenizer = embedder.model._model.tokenizer

    def tokens(text: str) -> int:
        return len(tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])

    by_turn: dict[int, list] = {}
    for node in nodes:
        by_turn.setdefault(chunk_meta(node).turn_index, []).append(node)
    split = [turn for turn in transcript.turns if len(by_turn.get(turn.index, [])) > 1]
    assert split, "the demo has answers longer than the window"
    for turn in transcript.turns:
        parts = by_turn.get(turn.index, [])
        if tokens(turn.text) <= window:
            assert [p.text for p in parts] == [turn.text]
            continue
        assert all(tokens(p.text) <= window for p in parts)
        assert [chunk_meta(p).part for p in parts] == list(range(len(parts)))
        for p in parts:  # each part is the turn's own characters at its offset
            start = chunk_meta(p).char_start
            assert turn.text[start : start + len(p.text)] == p.text
        assert " ".join(p.text for p in parts).split() == turn.text.split()
        for p, following in zip(parts, parts[1:]):  # a part ends only where the next sentence would not fit
            a, b = sentence_spans(following.text)[0]
            assert tokens(p.text + " " + following.text[a:b]) > window
