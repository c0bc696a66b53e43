"""Running a set: every question through Podium (Engine.ask and the hybrid retriever) and the baseline."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from chat.engine import Engine
from index.chunks import chunk_meta
from index.embedder import Embedder
from index.filters import Filters
from index.retriever import HybridRetriever
from index.store import Store

from .baseline import Baseline
from .grounding import Judge
from .metrics import KS, Outcome, by_tag, summarize
from .sets import RETRIEVAL_ONLY, EvalSet, Question
from .stores import set_store

RETRIEVE_CHUNKS = 2 * max(KS)  # a long turn spans several chunks; twice as many fill k distinct turns


@dataclass
class SetResult:
    name: str
    podium: list[Outcome]
    baseline: list[Outcome]
    seconds: float

    def summary(self) -> dict:
        return {
            "podium": summarize(self.podium),
            "baseline": summarize(self.baseline),
            "tags": {"podium": by_tag(self.podium), "baseline": by_tag(self.baseline)},
        }


def run_set(
    eval_set: EvalSet,
    embedder: Embedder,
    make_engine: Callable[[Store], Engine] = Engine,
    folder: Path | None = None,
    with_baseline: bool = True,
) -> SetResult:
    started = time.perf_counter()
    store = set_store(eval_set, embedder, folder)
    engine = make_engine(store)
    judge = Judge(eval_set.transcripts, embedder)
    podium = [ask_podium(q, engine, store, judge) for q in eval_set.questions]
    baseline = []
    if with_baseline:
        base = Baseline(eval_set, embedder)
        baseline = [ask_baseline(q, base, judge) for q in eval_set.questions]
    return SetResult(eval_set.name, podium, baseline, time.perf_counter() - started)


def ask_podium(q: Question, engine: Engine, store: Store, judge: Judge) -> Outcome:
    ranked = podium_ranked(q, store)
    if RETRIEVAL_ONLY in q.tags:
        return Outcome(q, ranked)
    started = time.perf_counter()
    answer = engine.ask(q.question, transcript=scope_of(q), history=q.history)
    latency = time.perf_counter() - started
    return Outcome(q, ranked, answer, latency, judge.judge(answer))


def podium_ranked(q: Question, store: Store) -> list[tuple[str, int]]:
    retriever = HybridRetriever(store, top_k=RETRIEVE_CHUNKS, filters=Filters(transcripts=q.scope))
    turns = (chunk_meta(hit.node) for hit in retriever.retrieve(q.question))
    return list(dict.fromkeys((m.transcript_id, m.turn_index) for m in turns))


def ask_baseline(q: Question, base: Baseline, judge: Judge) -> Outcome:
    started = time.perf_counter()
    hits = base.retrieve(q.question, q.scope)
    ranked = base.ranked_turns(hits)
    if RETRIEVAL_ONLY in q.tags:
        return Outcome(q, ranked)
    answer = base.answer(q.question, hits)
    latency = time.perf_counter() - started
    return Outcome(q, ranked, answer, latency, judge.judge(answer))


def scope_of(q: Question) -> str | None:
    """One transcript: asked within it; several: asked of the whole store, which holds just the set's."""
    return q.scope[0] if len(q.scope) == 1 else None
