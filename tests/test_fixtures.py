"""The corpus files shipped in tests/fixtures/corpus are the published files, byte for byte, each with its provenance."""

import hashlib
import re

import pytest

from .conftest import CORPUS, ROOT, SHIPPED

PROVENANCE = ROOT / "tests" / "fixtures" / "PROVENANCE.md"
ROW = re.compile(r"^\| `corpus/([^`]+)` \|.*\| `([0-9a-f]{40})` \| `([0-9a-f]{64})` \|$", re.M)


def _listed() -> dict[str, tuple[str, str]]:
    return {path: (blob, sha) for path, blob, sha in ROW.findall(PROVENANCE.read_text(encoding="utf-8"))}


def _shipped() -> list[str]:
    return sorted(str(p.relative_to(SHIPPED)) for p in SHIPPED.rglob("*") if p.is_file() and not p.name.startswith("LICENSE"))


def test_every_shipped_file_is_listed_with_its_hashes():
    listed = _listed()
    assert sorted(listed) == _shipped()
    for path, (blob, sha) in listed.items():
        data = (SHIPPED / path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha, path
        assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == blob, path  # git's blob id


def test_the_fixtures_stay_small():
    assert sum((SHIPPED / p).stat().st_size for p in _shipped()) < 500_000


@pytest.mark.parametrize("path", _shipped())
def test_each_shipped_file_equals_the_shared_one(corpus, path):
    assert (SHIPPED / path).read_bytes() == (corpus / path).read_bytes()
