"""Schemathesis against the served app on loopback (the API and the UI, a token set, a fresh store): every
operation, all checks (server errors, status codes, schemas of requests and replies, auth, methods,
stateful links), a bounded number of examples per operation and a fixed seed. It must find nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.settings import AppSettings
from chat.engine import Engine

from .conftest import served

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
EXAMPLES = 30  # per operation and phase
TOKEN = "schemathesis-token"


def test_schemathesis_finds_no_server_error_and_no_schema_violation(tmp_path, embedder, sample_path):
    from app.server import build_app
    from index.settings import Settings
    from index.store import Store
    from ingest import parse_file

    store = Store(Settings(store=tmp_path / "store", refresh_seconds=0), embedder)
    store.ingest(parse_file(sample_path))
    app = build_app(Engine(store), AppSettings(api_token=TOKEN))
    with served(app) as url:
        run = subprocess.run(
            [str(SCHEMATHESIS), "run", f"{url}/openapi.json", "--checks", "all", "--max-examples", str(EXAMPLES),
             "--seed", "15", "--generation-database", "none", "--header", f"Authorization: Bearer {TOKEN}",
             "--request-timeout", "120", "--workers", "2", "--no-color"],
            capture_output=True, text=True, timeout=1800, cwd=tmp_path,  # its cache of crashes stays out of the tree
        )  # fmt: skip
    report = run.stdout + run.stderr
    assert run.returncode == 0, report[-8000:]
    assert "No issues found" in report
