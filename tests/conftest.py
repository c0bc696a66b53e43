import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PODIUM_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
SHIPPED = ROOT / "tests" / "fixtures" / "corpus"  # the corpus files whose licence lets them ship (see its PROVENANCE.md)
SAMPLE = ROOT / "data" / "demo" / "scio-heilongjiang-2024-04-26.txt"
# CI sets it: there a missing corpus must fail the run, never skip tests quietly.
REQUIRE_SHARED = os.environ.get("PODIUM_REQUIRE_SHARED") == "1"
NO_CORPUS = f"the shared corpus is not at {CORPUS}"
HOW = "set PODIUM_SHARED to the folder holding corpus/, or clone with ../shared beside the checkout"


def free_port() -> int:
    """A loopback port free now, for a server a test starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pytest_sessionstart(session):
    if REQUIRE_SHARED and not CORPUS.is_dir():
        pytest.exit(f"PODIUM_REQUIRE_SHARED=1 but {NO_CORPUS}; {HOW}", returncode=1)


def needs_shared() -> None:
    """Skip the calling test when the shared corpus is absent: one skip reason, one summary line."""
    if not CORPUS.is_dir():
        pytest.skip(NO_CORPUS)


@pytest.hookimpl(wrapper=True, tryfirst=True)  # outside the terminal reporter's own wrapper
def pytest_terminal_summary(terminalreporter):
    """One line for all the tests skipped for want of the corpus, not one each in `-ra`'s list."""
    stats = terminalreporter.stats
    everything = stats.get("skipped", [])
    ours = [r for r in everything if NO_CORPUS in str(r.longrepr)]
    if not ours:
        return (yield)
    stats["skipped"] = [r for r in everything if r not in ours]
    try:
        return (yield)  # the short summary is written here
    finally:
        stats["skipped"] = everything  # the final count still has them
        terminalreporter.write_line(f"{len(ours)} tests skipped: {NO_CORPUS}; {HOW}", yellow=True, bold=True)


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The whole shared corpus, for tests that need files that don't ship with the code."""
    needs_shared()
    return CORPUS


@pytest.fixture(scope="session")
def corpus_file():
    """A corpus file by its path under corpus/: the shipped copy (tests/fixtures/corpus), else the shared one."""

    def find(relative: str) -> Path:
        if (SHIPPED / relative).exists():
            return SHIPPED / relative
        needs_shared()
        return CORPUS / relative

    return find


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def embedder():
    """The real offline MiniLM, loaded once for the session."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    from index.embedder import Embedder

    return Embedder()


@pytest.fixture
def store(tmp_path, embedder):
    from index.settings import Settings
    from index.store import Store

    return Store(Settings(store=tmp_path / "store", refresh_seconds=0), embedder)
