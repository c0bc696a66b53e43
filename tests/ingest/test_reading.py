"""Bad input: a one-line error naming the file (and line) and the reason, from every entry point."""

import json

import pytest

from ingest import IngestError, parse_file


def _error(path, **kwargs) -> IngestError:
    with pytest.raises(IngestError) as caught:
        parse_file(path, **kwargs)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)
    return caught.value


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n")
    assert "empty" in _error(path).reason


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in _error(path).reason


def test_undecodable_text_names_the_line(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("MS. PSAKI:  Hello.\nQ    Caf\u00e9?\n".encode("latin-1"))
    error = _error(path)
    assert "UTF-8" in error.reason and error.line == 2
    assert f"{path}:2:" in str(error)


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    assert "200 MB" in _error(path).reason


def test_json_of_no_known_shape(tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"name": "not a transcript", "items": [1, 2]}))
    assert "no known shape" in _error(path).reason


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n {"speaker": "A", "start": 0, "end": 1, "text": "hi"},\n oops\n]')
    assert _error(path).line == 3


def test_missing_file_and_folder(tmp_path):
    assert "no such file" in _error(tmp_path / "nope.txt").reason
    assert "folder" in _error(tmp_path).reason


def test_unknown_format_override(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("MS. PSAKI:  Hello.")
    assert "unknown format" in _error(path, format="docx").reason


def test_pdf_that_is_not_a_pdf(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_text("MS. PSAKI:  Hello.")
    assert "not a PDF" in _error(path).reason
