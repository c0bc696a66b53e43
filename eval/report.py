"""The results three ways: a table in the terminal, JSON, and a self-contained HTML page (inline SVG, no scripts)."""

from __future__ import annotations

import html
import time
from pathlib import Path

from .metrics import Outcome, failures
from .sets import ROOT
from .suite import SetResult

REPORTS = ROOT / "eval" / "reports"
METRICS = {  # key -> label; shares unless the key says latency
    "recall_at_5": "retrieval recall@5",
    "recall_at_10": "retrieval recall@10",
    "mrr": "retrieval MRR",
    "citation_precision": "citation precision",
    "hit_rate": "hit rate",
    "speaker_accuracy": "speaker attribution accuracy",
    "quote_fidelity": "quote fidelity",
    "attribution_fidelity": "attribution fidelity",
    "sentence_support": "sentences supported",
    "fact_recall": "fact recall",
    "refusal_precision": "refusal precision",
    "refusal_recall": "refusal recall",
    "latency_p50": "latency p50 (s)",
    "latency_p95": "latency p95 (s)",
}


def as_json(results: list[SetResult], thresholds: dict, missed: list[str], report: Path | None) -> dict:
    return {
        "sets": {
            r.name: r.summary() | {"seconds": round(r.seconds, 1), "failures": [_failure(o) for o in r.podium if failures(o)]}
            for r in results
        },
        "thresholds": thresholds,
        "missed": missed,
        "report": str(report) if report else None,
    }


def _failure(o: Outcome) -> dict:
    failure = {"id": o.question.id, "question": o.question.question, "reasons": failures(o)}
    if o.answer:
        failure |= {"answer": o.answer.answer, "refused": o.answer.refused, "citations": [c.model_dump() for c in o.answer.citations]}
    return failure


# -- terminal --------------------------------------------------------------------------------------


def print_tables(results: list[SetResult], thresholds: dict, missed: list[str], report: Path | None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for r in results:
        summary, floors = r.summary(), thresholds.get(r.name, {})
        table = Table(title=f"{r.name}: {len(r.podium)} questions, {r.seconds:.0f} s", title_justify="left")
        for column in ("metric", "Podium", "baseline", "threshold"):
            table.add_column(column, justify="left" if column == "metric" else "right")
        for key, label in METRICS.items():
            podium, base = summary["podium"].get(key), summary["baseline"].get(key)
            if podium is None and base is None:
                continue
            floor = floors.get(key)
            style = "red" if floor is not None and (podium is None or podium < floor) else None
            table.add_row(label, _cell(podium, key), _cell(base, key), _cell(floor, key), style=style)
        console.print(table)
        failed = [o.question.id for o in r.podium if failures(o)]
        if failed:
            console.print(f"[bold]failed[/]: {' '.join(failed)}")
    for line in missed:
        console.print(f"[red]below threshold[/]: {line}")
    if report:
        console.print(f"report: {report}")


def _cell(value, key: str) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}" if key.startswith("latency") else f"{value:.1%}"


# -- HTML ------------------------------------------------------------------------------------------

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;margin-top:2em}h3{font-size:15px}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:3px 8px;vertical-align:top;text-align:left}
.fail{border-left:4px solid #c0392b;padding:.3em .8em;margin:.8em 0;background:#fdf6f5}
.why{color:#c0392b}pre{white-space:pre-wrap;margin:.3em 0;background:#f6f6f6;padding:.4em}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}
"""
_COLORS = {"Podium": "#2e86c1", "baseline": "#b3b6b7"}


def write_html(results: list[SetResult], thresholds: dict, missed: list[str]) -> Path:
    REPORTS.mkdir(parents=True, exist_ok=True)
    path = REPORTS / f"eval-{time.strftime('%Y%m%d-%H%M%S')}.html"
    legend = "".join(f'<span style="background:{c}"></span>{n}' for n, c in _COLORS.items())
    parts = [f"<!doctype html><meta charset=utf-8><title>Podium eval</title><style>{_STYLE}</style>",
             f"<h1>Podium eval, {time.strftime('%Y-%m-%d %H:%M')}</h1><p class=legend>{legend} │ threshold ┃</p>"]  # fmt: skip
    if missed:
        parts.append("<p class=why>Below threshold: " + "; ".join(map(html.escape, missed)) + "</p>")
    for r in results:
        parts.append(_set_section(r, thresholds.get(r.name, {})))
    path.write_text("\n".join(parts))
    return path


def _set_section(r: SetResult, floors: dict) -> str:
    summary = r.summary()
    shares = [(label, {"Podium": summary["podium"].get(k), "baseline": summary["baseline"].get(k)}, floors.get(k))
              for k, label in METRICS.items() if not k.startswith("latency")]  # fmt: skip
    shares = [row for row in shares if any(v is not None for v in row[1].values())]
    tags = [(tag, {"Podium": row["right"], "baseline": summary["tags"]["baseline"].get(tag, {}).get("right")}, None)
            for tag, row in summary["tags"]["podium"].items()]  # fmt: skip
    latency = "".join(
        f"<tr><td>{METRICS[k]}</td><td>{_cell(summary['podium'].get(k), k)}</td><td>{_cell(summary['baseline'].get(k), k)}</td></tr>"
        for k in ("latency_p50", "latency_p95")
    )
    failed = [o for o in r.podium if failures(o)]
    return "\n".join([
        f"<h2>{html.escape(r.name)}: {len(r.podium)} questions, {r.seconds:.0f} s</h2>",
        "<h3>Metrics</h3>", _bars(shares),
        f"<table><tr><th></th><th>Podium</th><th>baseline</th></tr>{latency}</table>" if summary["podium"].get("latency_p50") else "",
        "<h3>Answered right, per tag</h3>" + _bars([(f"{t} ({summary['tags']['podium'][t]['n']})", v, f) for t, v, f in tags]) if tags else "",
        f"<h3>Failed questions ({len(failed)})</h3>", *map(_failure_html, failed),
    ])  # fmt: skip


def _bars(rows: list[tuple[str, dict, float | None]]) -> str:
    """Grouped horizontal bars, one group per row, shares from 0 to 1."""
    label_w, bar_w, bar_h, gap = 230, 520, 11, 8
    group_h = bar_h * len(_COLORS) + gap
    svg = [f'<svg width="{label_w + bar_w + 60}" height="{group_h * len(rows) + 4}" font-size="12">']
    for i, (label, values, floor) in enumerate(rows):
        y = i * group_h + 2
        svg.append(f'<text x="0" y="{y + bar_h + 4}">{html.escape(label)}</text>')
        for j, (name, color) in enumerate(_COLORS.items()):
            value = values.get(name)
            if value is None:
                continue
            top = y + j * bar_h
            svg.append(f'<rect x="{label_w}" y="{top}" width="{value * bar_w:.1f}" height="{bar_h - 1}" fill="{color}"/>')
            svg.append(f'<text x="{label_w + value * bar_w + 4:.1f}" y="{top + bar_h - 2}">{value:.0%}</text>')
        if floor is not None:
            x = label_w + floor * bar_w
            svg.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 1}" y2="{y + bar_h * 2 + 1}" stroke="#c0392b" stroke-width="2"/>')
    return "".join(svg) + "</svg>"


def _failure_html(o: Outcome) -> str:
    q = o.question
    history = f"<div>after: {html.escape(' / '.join(q.history))}</div>" if q.history else ""
    reasons = "".join(f"<li>{html.escape(r)}</li>" for r in failures(o))
    answer = ""
    if o.answer:
        rows = "".join(
            f"<tr><td>[{c.n}]</td><td>{html.escape(c.speaker)}</td><td>turn {c.turn_index}</td>"
            f"<td>{html.escape(c.timestamp or '')}</td><td>{html.escape(c.quote[:400])}</td></tr>"
            for c in o.answer.citations
        )
        answer = f"<pre>{html.escape(o.answer.answer)}</pre>" + (f"<table>{rows}</table>" if rows else "")
    gold = ", ".join(f"turn {i}" for _, i in sorted(q.gold))
    return (
        f'<div class=fail><b>{html.escape(q.id)}</b> [{", ".join(q.tags)}] {html.escape(q.question)}{history}'
        f"<div>gold: {gold or 'none (unanswerable)'}{f'; about {html.escape(q.speaker)}' if q.speaker else ''}</div>"
        f"<ul class=why>{reasons}</ul>{answer}</div>"
    )
