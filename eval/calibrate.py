"""Sweep the engine's refusal constants on the tuning sets and recommend a setting.

    .venv/bin/python -m eval.calibrate [--set tune-archive ...] [--json]

The speakers asked about addressed a topic when their strongest sentence reaches RELEVANT plus OTHERS
times the strongest that anyone else in the scope said on it (chat/engine.py). For every (relevant,
others) on the grid the tuning questions are asked and scored on hit rate (answerable questions
answered with a gold citation) and on refusal recall and precision (unanswerable questions and
attribution traps refused). The recommendation maximises hit rate + refusal recall (each a share of its
own questions, so neither side's count dominates), then refusal precision.

Only tuning sets: the check sets (check-*, holdout-*) judge the setting and are never swept.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass

from chat import engine as engine_module
from chat.engine import Engine

from .metrics import Outcome, summarize
from .sets import RETRIEVAL_ONLY, Question, available_sets, load_set
from .stores import set_store
from .suite import scope_of

RELEVANTS = (0.06, 0.08, 0.10, 0.12, 0.14)
OTHERS = (0.3, 0.4, 0.5, 0.6, 0.7)
KEYS = ("hit_rate", "refusal_recall", "refusal_precision")
CHECKS = ("check-", "holdout-")  # sets that judge a setting: never tuned on


@dataclass
class Row:
    relevant: float
    others: float
    metrics: dict

    @property
    def score(self) -> tuple:
        m = self.metrics
        return ((m["refusal_recall"] or 0) + (m["hit_rate"] or 0), m["refusal_precision"] or 0)


def tuning_sets() -> list[str]:
    return [name for name in available_sets() if not name.startswith(CHECKS) and name != "qmsum"]


def sweep(engines: list[tuple[Engine, list[Question]]], grid) -> list[Row]:
    rows = []
    for relevant, others in grid:
        print(f"relevant {relevant:.2f}, others {others:.2f}", file=sys.stderr)
        outcomes = []
        for engine, questions in engines:
            # The same as Engine(store, relevant=..., others=...), with the sentence cache kept warm.
            engine.relevant, engine.others_weight = relevant, others
            outcomes += [ask(engine, q) for q in questions]
        metrics = summarize(outcomes)
        rows.append(Row(relevant, others, {k: metrics[k] for k in KEYS}))
    return rows


def ask(engine: Engine, q: Question) -> Outcome:
    return Outcome(q, answer=engine.ask(q.question, transcript=scope_of(q), history=q.history))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", dest="sets", help="a tuning set (default: all of them)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    names = args.sets or tuning_sets()
    if checks := [name for name in names if name.startswith(CHECKS)]:
        print(f"error: {', '.join(checks)}: check sets judge a setting and are never tuned on", file=sys.stderr)
        return 2
    from index.embedder import Embedder

    embedder = Embedder()
    engines = []
    for name in names:
        eval_set = load_set(name)
        engine = Engine(set_store(eval_set, embedder))
        engines.append((engine, [q for q in eval_set.questions if RETRIEVAL_ONLY not in q.tags]))
    rows = sweep(engines, [(r, o) for r in RELEVANTS for o in OTHERS])
    best = max(rows, key=lambda r: r.score)
    current = (engine_module.RELEVANT, engine_module.OTHERS)
    result = {
        "sets": names,
        "questions": sum(len(q) for _, q in engines),
        "sweep": [vars(r) for r in rows],
        "recommended": vars(best),
        "current": dict(zip(("relevant", "others"), current)),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print(rows, best, current)
    return 0


def _print(rows: list[Row], best: Row, current: tuple[float, float]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="refusal sweep (tuning sets)", title_justify="left")
    for column in ("relevant", "others", *KEYS):
        table.add_column(column, justify="right")
    for r in rows:
        style = "bold green" if r is best else ("yellow" if (r.relevant, r.others) == current else None)
        table.add_row(f"{r.relevant:.2f}", f"{r.others:.2f}", *(_share(r.metrics[k]) for k in KEYS), style=style)
    console = Console()
    console.print(table)
    console.print(f"recommended: RELEVANT = {best.relevant}, OTHERS = {best.others} (current: {current[0]}, {current[1]})")


def _share(value) -> str:
    return "—" if value is None else f"{value:.1%}"


if __name__ == "__main__":
    sys.exit(main())
