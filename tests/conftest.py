import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PODIUM_SHARED", ROOT.parent / "shared"))
SAMPLE = ROOT / "data" / "demo" / "scio-heilongjiang-2024-04-26.txt"


@pytest.fixture(scope="session")
def corpus() -> Path:
    path = SHARED / "corpus"
    assert path.is_dir(), f"the shared corpus is missing at {path} (set PODIUM_SHARED)"
    return path


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
