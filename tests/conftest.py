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
