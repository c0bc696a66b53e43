"""Convert QMSum's specific queries to the `qmsum` eval set (retrieval only: their answers are summaries).

    .venv/bin/python -m eval.qmsum      # rewrites eval/sets/qmsum.jsonl

A query's gold turns are its relevant_text_span pairs (strings, inclusive, 0-based), which are turn
indices because ingest keeps turn i = meeting_transcripts[i]; turns without text are left out, as they
are never indexed.
"""

from __future__ import annotations

import json

from ingest import parse_file

from .sets import RETRIEVAL_ONLY, SETS, shared_folder

FOLDER = "corpus/qmsum"


def items() -> list[dict]:
    out = []
    for path in sorted((shared_folder() / FOLDER).glob("*/*.json")):
        transcript = parse_file(path)
        spoken = {turn.index for turn in transcript.turns if turn.text}
        entry = f"shared/{FOLDER}/{path.parent.name}/{path.name}"
        for number, query in enumerate(json.loads(path.read_text())["specific_query_list"]):
            gold = sorted({i for a, b in query["relevant_text_span"] for i in range(int(a), int(b) + 1)} & spoken)
            if not gold:
                continue
            out.append({
                "id": f"qmsum-{path.parent.name}-{path.stem}-{number:02d}",
                "question": query["query"],
                "transcripts": [entry],
                "gold": [{"turn_index": i} for i in gold],
                "facts": [],
                "answerable": True,
                "tags": ["qmsum", RETRIEVAL_ONLY, path.parent.name],
            })  # fmt: skip
    return out


def main() -> None:
    rows = items()
    (SETS / "qmsum.jsonl").write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
    print(f"wrote {len(rows)} queries to {SETS / 'qmsum.jsonl'}")


if __name__ == "__main__":
    main()
