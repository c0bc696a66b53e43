"""The import contracts of pyproject.toml ([tool.importlinter]) hold, and would catch an upward import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["ingest", "index", "chat", "prompts", "eval", "app"]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(folder: Path) -> subprocess.CompletedProcess:
    # PYTHONPATH first: the packages of `folder` are found before the installed (editable) ones
    env = {"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [str(LINT), "--config", str(folder / "pyproject.toml"), "--no-cache"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_the_rooms_keep_their_contracts():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_a_contract(tmp_path):
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    model = tmp_path / "ingest" / "model.py"
    model.write_text(model.read_text() + "\nfrom chat.contract import Answer  # noqa: E402,F401\n")
    web = tmp_path / "app" / "web" / "views.py"
    web.write_text(web.read_text() + "\nfrom app.render import render_answer  # noqa: E402,F401\n")
    result = lint(tmp_path)
    assert result.returncode == 1
    assert "ingest.model -> chat.contract" in result.stdout
    assert "app.web.views -> app.render" in result.stdout
