"""`podium eval`: run sets through Podium and the baseline, print the table or JSON, write the HTML report.

Exit codes: 0 all thresholds met, 1 a metric below its threshold, 2 the run could not start
(an unknown or invalid set, an LLM answerer that is not configured).
"""

from __future__ import annotations

import json
import sys
import tomllib
from collections.abc import Callable

from .sets import ROOT, SetError, available_sets, load_set

THRESHOLDS = ROOT / "eval" / "thresholds.toml"


def main(sets: list[str], answerer: str, as_json: bool) -> int:
    try:
        loaded = [load_set(name) for name in sets or available_sets()]
        make_engine = engine_factory(answerer)
    except (SetError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from index.embedder import Embedder

    from .report import as_json as to_json, print_tables, write_html
    from .suite import run_set

    embedder = Embedder()  # one model for the stores, the baseline and the judge
    results = []
    for eval_set in loaded:
        print(f"running {eval_set.name} ({len(eval_set.questions)} questions)…", file=sys.stderr)
        results.append(run_set(eval_set, embedder, make_engine))
    thresholds = load_thresholds()
    missed = below(results, thresholds)
    report = write_html(results, thresholds, missed)
    if as_json:
        print(json.dumps(to_json(results, thresholds, missed, report), indent=2))
    else:
        print_tables(results, thresholds, missed, report)
    return 1 if missed else 0


def engine_factory(answerer: str) -> Callable:
    """Engine(store) for the quote answerer; for the LLM one, an Engine with the PODIUM_LLM answerer."""
    from chat.engine import Engine

    if answerer == "quote":
        return Engine
    if answerer != "llm":
        raise ValueError(f"--answerer must be quote or llm, not {answerer!r}")
    from chat.settings import ChatSettings

    spec = ChatSettings().llm
    if not spec:
        raise ValueError(
            "--answerer llm needs PODIUM_LLM, which is not set "
            "(e.g. PODIUM_LLM=ollama:MODEL, openai-like:URL:MODEL or llama-cpp:PATH)"
        )
    from chat.llm import LLMAnswerer, llm_from_spec

    return lambda store: Engine(store, llm=LLMAnswerer(llm_from_spec(spec)))


def load_thresholds() -> dict[str, dict[str, float]]:
    with THRESHOLDS.open("rb") as file:
        return tomllib.load(file)


def below(results, thresholds: dict) -> list[str]:
    """'set: metric value < floor' for each metric under its set's floor (a metric that can't be computed counts)."""
    missed = []
    for r in results:
        podium = r.summary()["podium"]
        for key, floor in thresholds.get(r.name, {}).items():
            value = podium.get(key)
            if value is None or value < floor:
                shown = "n/a" if value is None else f"{value:.3f}"
                missed.append(f"{r.name}: {key} {shown} < {floor}")
    return missed
