"""Sweep the engine's refusal thresholds on the calibration questions and recommend a setting.

    .venv/bin/python -m eval.calibrate [--set sample --set corpus] [--json]

A sentence "addresses" the topic when its cosine is >= threshold and its chunk holds half the topic's
words, or when its cosine alone is >= strong (chat/engine.py). For every (threshold, strong) on the
grid, the non-heldout questions are asked and scored on refusal precision and recall (unanswerable
questions and attribution traps should be refused) and on hit rate (answerable questions answered
with a gold citation). The recommendation maximises refusal recall + hit rate (each share of its own
questions, so neither side's count dominates), then refusal precision; the heldout questions are
then scored at the recommended and at the current setting, as the figures to quote.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass

from chat import engine as engine_module
from chat.engine import Engine

from .metrics import Outcome, summarize
from .sets import HELDOUT, RETRIEVAL_ONLY, Question, load_set
from .stores import set_store
from .suite import scope_of

THRESHOLDS = (0.25, 0.30, 0.35, 0.40, 0.45, 0.50)
STRONGS = (0.50, 0.55, 0.60, 0.65, 0.70, 0.80)
KEYS = ("refusal_precision", "refusal_recall", "hit_rate")


@dataclass
class Row:
    threshold: float
    strong: float
    metrics: dict

    @property
    def score(self) -> tuple:
        m = self.metrics
        return ((m["refusal_recall"] or 0) + (m["hit_rate"] or 0), m["refusal_precision"] or 0)


def sweep(engines: list[tuple[Engine, list[Question]]], grid) -> list[Row]:
    rows = []
    for threshold, strong in grid:
        print(f"threshold {threshold:.2f}, strong {strong:.2f}", file=sys.stderr)
        outcomes = []
        for engine, questions in engines:
            # The same as Engine(store, threshold=..., strong=...), with the sentence cache kept warm.
            engine.threshold, engine.strong = threshold, strong
            outcomes += [ask(engine, q) for q in questions]
        metrics = summarize(outcomes)
        rows.append(Row(threshold, strong, {k: metrics[k] for k in KEYS}))
    return rows


def ask(engine: Engine, q: Question) -> Outcome:
    return Outcome(q, answer=engine.ask(q.question, transcript=scope_of(q), history=q.history))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", dest="sets", help="eval set (default: sample and corpus)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from index.embedder import Embedder

    embedder = Embedder()
    calibration, heldout = [], []
    for name in args.sets or ["sample", "corpus"]:
        eval_set = load_set(name)
        engine = Engine(set_store(eval_set, embedder))
        asked = [q for q in eval_set.questions if RETRIEVAL_ONLY not in q.tags]
        calibration.append((engine, [q for q in asked if HELDOUT not in q.tags]))
        heldout.append((engine, [q for q in asked if HELDOUT in q.tags]))
    rows = sweep(calibration, [(t, s) for t in THRESHOLDS for s in STRONGS if s > t])
    best = max(rows, key=lambda r: r.score)
    current = (engine_module.THRESHOLD, engine_module.STRONG)
    held = {label: sweep(heldout, [setting])[0] for label, setting in (("recommended", (best.threshold, best.strong)), ("current", current))}
    result = {
        "questions": {"calibration": sum(len(q) for _, q in calibration), "heldout": sum(len(q) for _, q in heldout)},
        "sweep": [vars(r) for r in rows],
        "recommended": {"threshold": best.threshold, "strong": best.strong, "calibration": best.metrics},
        "heldout": {label: vars(row) for label, row in held.items()},
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print(rows, best, held)
    return 0


def _print(rows: list[Row], best: Row, held: dict[str, Row]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="refusal sweep (non-heldout questions)", title_justify="left")
    for column in ("threshold", "strong", *KEYS):
        table.add_column(column, justify="right")
    for r in rows:
        style = "bold green" if r is best else None
        table.add_row(f"{r.threshold:.2f}", f"{r.strong:.2f}", *(_share(r.metrics[k]) for k in KEYS), style=style)
    console = Console()
    console.print(table)
    console.print(f"recommended: THRESHOLD = {best.threshold}, STRONG = {best.strong}")
    for label, row in held.items():
        figures = ", ".join(f"{k} {_share(row.metrics[k])}" for k in KEYS)
        console.print(f"heldout at {label} ({row.threshold}, {row.strong}): {figures}")


def _share(value) -> str:
    return "—" if value is None else f"{value:.1%}"


if __name__ == "__main__":
    sys.exit(main())
