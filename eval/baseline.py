"""The obvious pipeline, for comparison: raw file text, llama-index's default SentenceSplitter, dense top-k
with the same embedding model, no speaker awareness, the top chunk as the answer.

Its chunks know nothing of turns, so they are mapped back to the turns whose words they share (runs of
five words), the turn sharing most first: a chunk that spans several turns cites all of them.
Text comes from the file as a reader would give it: as is for text formats (Markdown, JSON, captions),
the page text for PDF (pypdf, as llama-index's PDF reader does), the body text for HTML.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from chat.contract import Answer, Citation
from index.embedder import Embedder
from ingest import Transcript

from .sets import EvalSet

SHINGLE = 5  # words; shorter turns ("Yeah.", "Howard.") match anywhere and are never mapped


class Baseline:
    def __init__(self, eval_set: EvalSet, embedder: Embedder, top_k: int = 10):
        from llama_index.core import Document, Settings, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter

        Settings.embed_model = embedder.model
        with contextlib.redirect_stdout(io.StringIO()):  # llama-index prints a notice; --json needs a clean stdout
            Settings.llm = None
        documents = [
            Document(text=raw_text(path), metadata={"transcript_id": tid}, excluded_embed_metadata_keys=["transcript_id"])
            for tid, path in eval_set.files.items()
        ]
        nodes = SentenceSplitter().get_nodes_from_documents(documents)
        self.index = VectorStoreIndex(nodes)
        self.top_k = top_k
        self.turns = TurnMap(eval_set.transcripts)

    def retrieve(self, question: str, scope: tuple[str, ...]) -> list:
        from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters

        where = MetadataFilters(filters=[MetadataFilter(key="transcript_id", value=list(scope), operator=FilterOperator.IN)])
        return self.index.as_retriever(similarity_top_k=self.top_k, filters=where).retrieve(question)

    def ranked_turns(self, hits: list) -> list[tuple[str, int]]:
        ranked: dict[tuple[str, int], None] = {}
        for hit in hits:
            ranked.update(dict.fromkeys(self.turns.of(hit.node.metadata["transcript_id"], hit.node.get_content())))
        return list(ranked)

    def answer(self, question: str, hits: list) -> Answer:
        """The top chunk, citing every turn it overlaps; it never refuses."""
        if not hits:
            return Answer(question=question, answer="", refused=False)
        node = hits[0].node
        text = node.get_content()
        turns = self.turns.of(node.metadata["transcript_id"], text)
        citations = [self.turns.citation(n + 1, tid, index, text) for n, (tid, index) in enumerate(turns)]
        markers = "".join(f" [{c.n}]" for c in citations)
        return Answer(question=question, answer=text + markers, refused=False, citations=citations)


class TurnMap:
    """Which turns a piece of the raw text comes from, by shared runs of words."""

    def __init__(self, transcripts: dict[str, Transcript]):
        self.transcripts = transcripts
        self.shingles = {
            tid: [(turn.index, _shingles(turn.text)) for turn in t.turns if len(_words(turn.text)) >= SHINGLE]
            for tid, t in transcripts.items()
        }

    def of(self, tid: str, text: str) -> list[tuple[str, int]]:
        mine = _shingles(text)
        # Three shared runs, or all of a short turn's: one shared stock phrase ("thank you for taking
        # our questions") doesn't make a chunk part of a turn.
        shared = [(len(mine & theirs), index) for index, theirs in self.shingles[tid] if len(mine & theirs) >= min(3, len(theirs))]
        return [(tid, index) for _, index in sorted(shared, key=lambda s: -s[0])]

    def citation(self, n: int, tid: str, index: int, quote: str) -> Citation:
        transcript = self.transcripts[tid]
        turn = transcript.turns[index]
        return Citation(
            n=n, transcript_id=tid, transcript_title=transcript.title, date=transcript.date,
            speaker=turn.speaker, role=turn.role, kind=turn.kind, turn_index=index,
            timestamp=turn.timestamp, start=turn.start, end=turn.end, quote=quote,
        )  # fmt: skip


def raw_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    if suffix in (".html", ".htm"):
        from selectolax.lexbor import LexborHTMLParser

        body = LexborHTMLParser(path.read_text(errors="replace")).body
        return body.text(separator="\n") if body else ""
    return path.read_text(errors="replace")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
