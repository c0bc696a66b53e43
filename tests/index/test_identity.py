"""One transcript per event in the store: corrected versions, reposts, two calls under one title (real files)."""

from app.render import ingest_summary
from index.catalog import content_key
from index.chunks import chunk_meta, chunk_transcript
from ingest import parse_file, parse_files

KJP_KIRBY = "press-briefing-by-press-secretary-karine-jean-pierre-and-nsc-coordinator-for-strategic-communications-john-kirby"
DUDA = "remarks-by-vice-president-harris-and-president-andrzej-duda-of-poland-in-joint-press-conference.md"


def test_corrected_version_replaces_its_original_and_never_the_reverse(store, corpus):
    folder = corpus / "whitehouse_press_conferences"
    original, corrected = folder / f"2022-03-10-{DUDA}", folder / f"2022-03-10-corrected-{DUDA}"
    first = store.ingest(parse_file(original))
    second = store.ingest(parse_file(corrected))
    assert (first.status, second.status) == ("added", "updated")
    assert second.reason == "corrected" and second.replaced_source == str(original)
    assert 0 < second.embedded < first.embedded  # only the corrected sentences
    assert "a corrected version: replaces the original from" in ingest_summary(second)
    again = store.ingest(parse_file(original))
    assert again.status == "superseded" and again.kept_source == str(corrected)
    assert "not stored: the corrected version from" in ingest_summary(again)
    [entry] = store.transcripts()
    assert entry.source == str(corrected) and entry.corrected
    assert store.transcript(entry.id).title.startswith("CORRECTED:")


def test_a_briefing_posted_again_is_one_transcript(store, corpus):
    folder = corpus / "whitehouse_2023"
    repost, original = folder / f"2023-10-31-{KJP_KIRBY}-24.md", folder / f"2023-10-30-{KJP_KIRBY}-24.md"
    results = [r for _, r in store.ingest_stream(parse_files([repost, original, repost]))]
    assert [r.status for r in results] == ["added", "added", "unchanged"]
    # the October 30 posting is the event: it replaces the repost it met, and the repost stays out after
    assert results[1].reason == "reposted" and results[1].replaced_source == str(repost)
    assert results[1].embedded == 0  # the repost's vectors serve
    assert results[2].reason == "reposted" and results[2].kept_source == str(original)
    assert "not stored again: the same words, posted earlier" in ingest_summary(results[2])
    [entry] = store.transcripts()
    assert (entry.date, entry.source) == ("2023-10-30", str(original))
    assert store.collection.count() == entry.chunks  # the repost's chunks are gone


def test_two_calls_under_one_title_are_both_stored(store, corpus):
    folder = corpus / "whitehouse_2023"
    files = sorted(folder.glob("2023-01-23-on-the-record-press-call-by-white-house-spokesperson-ian-sams*.md"))
    results = [r for _, r in store.ingest_stream(parse_files(files))]
    assert [r.status for r in results] == ["added", "added"]
    assert len({r.transcript.id for r in results}) == len(store.transcripts()) == 2
    assert {e.date for e in store.transcripts()} == {"2023-01-17", "2023-01-23"}


def test_byte_identical_copies_are_one_transcript(store, corpus):
    name = "2023-12-04-press-briefing-by-press-secretary-karine-jean-pierre-and-national-security-advisor-jake-sullivan-10.md"
    copy, first = corpus / "whitehouse_2023" / name, corpus / "whitehouse_md/wh_2023-12-04_jean-pierre_sullivan.md"
    assert copy.read_bytes() == first.read_bytes()
    results = [r for _, r in store.ingest_stream(parse_files([first, copy]))]
    assert [r.status for r in results] == ["added", "unchanged"]
    assert results[1].kept_source == str(first) and len(store.transcripts()) == 1


def test_content_key_ignores_the_posting_not_the_words(corpus):
    folder = corpus / "whitehouse_2023"
    repost = parse_file(folder / f"2023-10-31-{KJP_KIRBY}-24.md")
    assert content_key(repost) == content_key(parse_file(folder / f"2023-10-30-{KJP_KIRBY}-24.md"))
    assert content_key(repost) != content_key(parse_file(folder / f"2023-10-31-{KJP_KIRBY}-25.md"))


def test_interpreted_spans_reach_the_chunks(corpus, embedder):
    t = parse_file(corpus / f"whitehouse_press_conferences/2022-03-10-{DUDA}")
    nodes = chunk_transcript(t, embedder.token_ends, embedder.max_tokens - 2, embedder.name)
    mixed = next(n for n in nodes if "Okay, so this time — (as interpreted) — Madam" in n.text)
    meta = chunk_meta(mixed)
    own, madam = mixed.text.index("Okay, so this time"), mixed.text.index("Madam, the situation is very complex.")
    assert meta.interpreted[0][0] == madam  # relative to the chunk, decoded from Chroma's string
    assert not meta.is_interpreted(own, own + 18) and meta.is_interpreted(madam, madam + 10)
    for node in nodes:  # every chunk's spans are its turn's, shifted
        m = chunk_meta(node)
        turn = t.turns[m.turn_index]
        assert [node.text[a:b] for a, b in m.interpreted] == [
            turn.text[max(a, m.char_start) : min(b, m.char_start + len(node.text))]
            for a, b in turn.interpreted if a < m.char_start + len(node.text) and m.char_start < b
        ]
    assert not any(chunk_meta(n).interpreted for n in nodes if chunk_meta(n).speaker == "Kamala Harris")


THURMONT = "2023-08-18-press-gaggle-by-national-security-advisor-jake-sullivan-thurmont-md.md"  # MS. JEAN-PIERRE:, unnamed
PHILADELPHIA = "2023-02-03-press-gaggle-by-press-secretary-karine-jean-pierre-en-route-philadelphia-pa-2.md"


def test_a_label_the_archive_names_once_is_that_person(corpus):
    from index.catalog import known_people, speaker_registry, with_known_people

    folder = corpus / "whitehouse_2023"
    thurmont, named = parse_file(folder / THURMONT), parse_file(folder / PHILADELPHIA)
    assert {x.speaker for x in thurmont.turns if x.label == "MS. JEAN-PIERRE:"} == {"Ms. Jean-Pierre"}
    trump = parse_file(corpus / "whitehouse_html/wh_2020-03-16_covid_task_force.html")
    biden = parse_file(corpus / "whitehouse_press_conferences/2023-05-21-remarks-by-president-biden-in-a-press-conference.md")
    people = known_people({t.id: speaker_registry(t) for t in (named, trump, biden)})
    assert people["MS. JEAN-PIERRE:"].name == "Karine Jean-Pierre"
    assert "THE PRESIDENT:" not in people  # Trump in one, Biden in the other: names nobody
    renamed = with_known_people(thurmont, people)
    assert {(x.speaker, x.role) for x in renamed.turns if x.label == "MS. JEAN-PIERRE:"} == {("Karine Jean-Pierre", "Press Secretary")}
    assert any("'Ms. Jean-Pierre' read as 'Karine Jean-Pierre'" in w for w in renamed.warnings)
    assert with_known_people(named, people) is named  # nothing to rename


def test_the_store_names_a_label_whichever_file_comes_first(store, corpus):
    folder = corpus / "whitehouse_2023"
    results = [r for _, r in store.ingest_stream(parse_files([folder / THURMONT, folder / PHILADELPHIA]))]
    assert [r.status for r in results[:2]] == ["added", "added"]
    assert results[2].status == "updated" and results[2].embedded == 0  # Thurmont again, under the name
    stored = next(e for e in store.transcripts() if e.source.endswith(THURMONT))
    names = {s.name for s in store.speakers()[stored.id]}
    assert "Karine Jean-Pierre" in names and "Ms. Jean-Pierre" not in names
