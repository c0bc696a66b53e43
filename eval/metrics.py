"""Metrics over one system's outcomes on a set. Micro-averaged unless said; None where nothing counts."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from chat.contract import Answer
from ingest.text import match_key

from .grounding import Grounding, Tally, same_person
from .sets import Question

KS = (5, 10)


@dataclass
class Outcome:
    """One question put to one system."""

    question: Question
    ranked: list[tuple[str, int]] = field(default_factory=list)  # retrieved turns, best first
    answer: Answer | None = None  # None: retrieval only
    latency: float | None = None  # seconds to answer
    grounding: Grounding | None = None


# -- per question ----------------------------------------------------------------------------------


def recall_at_k(ranked: list, gold: frozenset, k: int) -> float:
    """Gold turns among the first k, over as many as k turns could hold (a 40-turn span can't fit in 10)."""
    return len(set(ranked[:k]) & gold) / min(len(gold), k)


def reciprocal_rank(ranked: list, gold: frozenset) -> float:
    return next((1.0 / rank for rank, turn in enumerate(ranked, 1) if turn in gold), 0.0)


def gold_citations(o: Outcome) -> int:
    return sum((c.transcript_id, c.turn_index) in o.question.gold for c in o.answer.citations)


def hit(o: Outcome) -> bool:
    return not o.answer.refused and gold_citations(o) > 0


def facts_found(o: Outcome) -> int:
    if o.answer.refused:
        return 0
    text = match_key(o.answer.answer)
    return sum(match_key(fact) in text for fact in o.question.facts)


def misses(o: Outcome) -> list[str]:
    """What the answer got wrong, grounding aside; empty when it is right."""
    q, a = o.question, o.answer
    if a is None:
        return [] if set(o.ranked[:10]) & q.gold else ["no gold turn in the top 10"]
    if q.trap:
        reasons = [] if a.refused else [f"answered, but {q.speaker} never spoke about this"]
        if any(same_person(c.speaker, q.speaker) for c in a.citations):
            reasons.append(f"cites {q.speaker}, who never spoke about this")
        return reasons
    if not q.answerable:
        return [] if a.refused else ["answered an unanswerable question"]
    if a.refused:
        return ["refused an answerable question"]
    reasons = [] if gold_citations(o) else ["no citation of a gold turn"]
    reasons += [f"missing fact {f!r}" for f in q.facts if match_key(f) not in match_key(a.answer)]
    if q.speaker and any(not same_person(c.speaker, q.speaker) for c in a.citations):
        reasons.append(f"cites someone other than {q.speaker}")
    return reasons


def failures(o: Outcome) -> list[str]:
    """Misses and grounding problems: a question passes when there are none."""
    return misses(o) + (o.grounding.problems if o.grounding else [])


# -- over a set ------------------------------------------------------------------------------------


def summarize(outcomes: list[Outcome]) -> dict[str, float | int | None]:
    with_gold = [o for o in outcomes if o.question.gold]
    metrics: dict[str, float | int | None] = {"questions": len(outcomes)}
    for k in KS:
        metrics[f"recall_at_{k}"] = _mean(recall_at_k(o.ranked, o.question.gold, k) for o in with_gold)
    metrics["mrr"] = _mean(reciprocal_rank(o.ranked, o.question.gold) for o in with_gold)
    asked = [o for o in outcomes if o.answer is not None]
    if asked:
        metrics |= _answers(asked)
    return metrics


def _answers(asked: list[Outcome]) -> dict[str, float | None]:
    answerable = [o for o in asked if o.question.answerable]
    about = [o for o in answerable if o.question.speaker and not o.answer.refused]
    cited = [o for o in asked if o.question.gold]
    groundings = [o.grounding for o in asked if o.grounding]
    refused = [o for o in asked if o.answer.refused]
    unanswerable = [o for o in asked if not o.question.answerable]
    latencies = [o.latency for o in asked if o.latency is not None]
    return {
        "citation_precision": _ratio(sum(map(gold_citations, cited)), sum(len(o.answer.citations) for o in cited)),
        "hit_rate": _mean(hit(o) for o in answerable),
        "speaker_accuracy": _ratio(
            sum(same_person(c.speaker, o.question.speaker) for o in about for c in o.answer.citations),
            sum(len(o.answer.citations) for o in about),
        ),
        "quote_fidelity": _tally(g.quotes for g in groundings),
        "attribution_fidelity": _tally(g.attributions for g in groundings),
        "sentence_support": _tally(g.claims for g in groundings),
        "fact_recall": _ratio(sum(map(facts_found, answerable)), sum(len(o.question.facts) for o in answerable)),
        "refusal_precision": _ratio(sum(not o.question.answerable for o in refused), len(refused)),
        "refusal_recall": _ratio(sum(o.answer.refused for o in unanswerable), len(unanswerable)),
        "latency_p50": percentile(latencies, 50),
        "latency_p95": percentile(latencies, 95),
    }


def by_tag(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """Per tag: how many questions carry it, the share answered right, the share that also passed grounding."""
    tags = sorted({t for o in outcomes for t in o.question.tags})
    table = {}
    for tag in tags:
        mine = [o for o in outcomes if tag in o.question.tags]
        right = sum(not misses(o) for o in mine) / len(mine)
        table[tag] = {"n": len(mine), "right": right, "passed": sum(not failures(o) for o in mine) / len(mine)}
    return table


def percentile(values: list[float], q: float) -> float | None:
    return float(np.percentile(values, q)) if values else None


def _mean(values) -> float | None:
    values = [float(v) for v in values]
    return sum(values) / len(values) if values else None


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _tally(tallies) -> float | None:
    total = Tally()
    for t in tallies:
        total.total += t.total
        total.ok += t.ok
    return _ratio(total.ok, total.total)
