#!/usr/bin/env bash
# From `make run` on a fresh clone (a new .venv) to the app's first answer, with the time of each step.
#
#     bash bench/fresh_clone.sh [SOURCE_REPO] [DEST]    # defaults: this checkout, /tmp/podium-fresh
#
# Clones SOURCE_REPO into DEST (DEST is removed first), runs `make run` there in the background, and
# notes when the install finished (the stamp file), when the server said ready, and when POST
# /api/ask on port 7860 first answered. Then stops the server. The machine's load average is printed
# before and after: on a shared machine it says how much the figure can be trusted.
set -euo pipefail
SOURCE=${1:-$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)}
DEST=${2:-/tmp/podium-fresh}
URL=http://127.0.0.1:7860/api/ask
QUESTION='{"question": "What did Chen Shaobo say about talent?"}'

if curl -s -o /dev/null "$URL"; then echo "port 7860 is taken: stop what serves it first" >&2; exit 1; fi
rm -rf "$DEST"
git clone -q "$SOURCE" "$DEST"
cd "$DEST"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
start=$(date +%s.%N)
# Each line of make's output stamped with the seconds since the start: the steps' times come from it.
setsid bash -c 'make run 2>&1 | while IFS= read -r line; do echo "${EPOCHREALTIME} $line"; done' > make-run.log &
make_pid=$!
trap 'kill -- -"$make_pid" 2>/dev/null || true' EXIT
since() { echo "$(date +%s.%N) - $start" | bc; }

installed="" ready="" answered=""
while [ -z "$answered" ]; do
    kill -0 "$make_pid" 2>/dev/null || { cat make-run.log; echo "make run stopped" >&2; exit 1; }
    [ -z "$installed" ] && [ -e .venv/.installed-app ] && installed=$(since)
    [ -z "$ready" ] && grep -q "Podium is ready" make-run.log && ready=$(since)
    if [ -n "$ready" ] && curl -sf -X POST -H 'Content-Type: application/json' -d "$QUESTION" "$URL" | grep -q '"Chen Shaobo"'; then
        answered=$(since)
    fi
    sleep 0.5
done
printf 'install done %.0f s; server ready %.0f s; first answer %.0f s after `make run`\n' "$installed" "$ready" "$answered"
echo "venv: $(du -sh .venv | cut -f1); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# The steps: each echoed command of make (and the server's lines) with the seconds it started at.
grep -E "^[0-9.]+ (\.venv/bin/|test -x|Warmed up|Podium is ready)" make-run.log | while read -r at rest; do
    printf '%6.0f s  %s\n' "$(echo "$at - $start" | bc)" "${rest:0:110}"
done
