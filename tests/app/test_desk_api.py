"""The reporter's desk over HTTP, in-process on a real store and engine: search inside transcripts, and quotes
exported as Markdown, CSV and JSON with their attribution and source link, each parsed back."""

import csv
import io
import re

import pytest
from fastapi.testclient import TestClient

from app.api import create_app
from app.settings import AppSettings
from chat.contract import Answer
from chat.engine import Engine
from index.settings import Settings
from index.store import Store
from ingest import parse_file

PSAKI = "whitehouse_md/wh_2021-07-16_psaki.md"
PSAKI_URL = "https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/2021/07/16/press-briefing-by-press-secretary-jen-psaki-july-16-2021/"


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder, sample_path, corpus):
    store = Store(Settings(store=tmp_path_factory.mktemp("desk"), refresh_seconds=0), embedder)
    store.ingest_many([parse_file(sample_path), parse_file(corpus / PSAKI)])
    return Engine(store)


@pytest.fixture(scope="module")
def client(engine):
    return TestClient(create_app(engine, AppSettings(api_token=None)))


def test_search_gives_every_hit_with_its_turn_time_and_attribution(client):
    response = client.get("/api/search", params={"q": '"talent is the key"'})
    assert response.status_code == 200
    body = response.json()
    assert body["phrase"] and body["total"] == 1
    cite = body["hits"][0]["citation"]
    assert (cite["speaker"], cite["turn_index"], cite["timestamp"]) == ("Chen Shaobo", 7, "2024-04-26T10:27:15")
    assert cite["attribution"].startswith('"To revitalize Heilongjiang, talent is the key." — Chen Shaobo, ')
    a, b = body["hits"][0]["marks"][0]
    assert cite["quote"][a:b] == "talent is the key"


def test_search_filters_bound_and_errors(client, engine):
    psaki = next(e.id for e in engine.store.transcripts() if e.date == "2021-07-16")
    few = client.get("/api/search", params={"q": "Facebook", "transcript": psaki, "speaker": "Jen Psaki", "limit": 2}).json()
    assert few["total"] > 2 and len(few["hits"]) == 2
    assert {h["citation"]["speaker"] for h in few["hits"]} == {"Jen Psaki"}
    assert few["hits"][0]["citation"]["source_url"] == PSAKI_URL
    assert client.get("/api/search", params={"q": "Facebook", "date_to": "2021-01-01"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "talent", "transcript": "nope"}).status_code == 404
    assert client.get("/api/search", params={"q": "talent", "speaker": "Nobody"}).status_code == 404
    assert client.get("/api/search", params={"q": "talent", "date_from": "2024-02-30"}).status_code == 422
    assert client.get("/api/search", params={"q": "talent", "date_from": "26/04/2024"}).status_code == 422
    assert client.get("/api/search", params={"q": "talent", "limit": 10_000}).status_code == 422


def _answers(client) -> list[dict]:
    asked = [client.post("/api/ask", json={"question": q}).json() for q in (
        "What did Chen Shaobo say about talent?", "What did Ms. Psaki say about Facebook?",
    )]  # fmt: skip
    assert all(a["citations"] for a in asked)
    return asked


def test_exports_parse_back_with_attribution_and_source_link(client):
    answers = _answers(client)
    cites = [c for a in answers for c in a["citations"]]

    as_json = client.post("/api/export", params={"format": "json"}, json={"answers": answers})
    assert as_json.status_code == 200 and as_json.headers["content-type"] == "application/json"
    assert 'filename="podium-quotes.json"' in as_json.headers["content-disposition"]
    back = [Answer(**a) for a in as_json.json()["answers"]]
    assert [c.model_dump() for a in back for c in a.citations] == cites

    as_csv = client.post("/api/export", params={"format": "csv"}, json={"answers": answers})
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [r["quote"] for r in rows] == [c["quote"] for c in cites]
    assert [r["attribution"] for r in rows] == [c["attribution"] for c in cites]
    psaki = [r for r in rows if r["speaker"] == "Jen Psaki"]
    assert psaki and all(r["source_url"] == PSAKI_URL and r["date"] == "2021-07-16" for r in psaki)
    assert rows[0]["question"] == "What did Chen Shaobo say about talent?" and rows[0]["timestamp"] == "2024-04-26T10:27:15"

    as_md = client.post("/api/export", params={"format": "markdown"}, json={"answers": answers, "title": "Talent desk"})
    assert as_md.headers["content-type"].startswith("text/markdown")
    text = as_md.text
    assert text.startswith("# Talent desk\n") and "## What did Ms. Psaki say about Facebook?" in text
    sources = re.findall(r"^(\d+)\. (.+)$", text, re.M)  # the numbered source lines, in order
    assert [int(n) for n, _ in sources] == [c["n"] for c in cites]
    unescaped = [re.sub(r"\\(.)", r"\1", line) for _, line in sources]
    assert unescaped == [c["attribution"] for c in cites]
    assert any(PSAKI_URL in line for line in unescaped)


def test_export_rejects_what_is_not_an_answer(client):
    assert client.post("/api/export", params={"format": "pdf"}, json={"answers": []}).status_code == 422
    assert client.post("/api/export", json={"answers": [{"question": "q"}]}).status_code == 422
