"""The HTTP API in-process over ASGI, on a real store and engine: answers, uploads, auth, bad requests."""

import pytest
from fastapi.testclient import TestClient

from app.api import create_app
from chat.engine import Engine
from app.settings import AppSettings
from index.settings import Settings
from index.store import Store
from ingest import parse_file


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder, sample_path):
    store = Store(Settings(store=tmp_path_factory.mktemp("api"), refresh_seconds=0), embedder)
    store.ingest(parse_file(sample_path))
    return Engine(store)


@pytest.fixture
def client(engine):
    return TestClient(create_app(engine, AppSettings(api_token=None, max_upload_mb=1)))


def test_ask_returns_the_contract_with_verbatim_quotes(client, sample_path):
    response = client.post("/api/ask", json={"question": "What did Chen Shaobo say about talent?"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"question", "answer", "refused", "unsupported", "citations"}
    assert body["refused"] is False and body["citations"]
    turns = {t.index: t for t in parse_file(sample_path).turns}
    for citation in body["citations"]:
        assert citation["speaker"] == "Chen Shaobo"
        assert citation["timestamp"] == "2024-04-26T10:27:15"
        assert citation["quote"] in turns[citation["turn_index"]].text
        assert f'"{citation["quote"]}" [{citation["n"]}]' in body["answer"]


def test_ask_with_history_and_filters(client):
    body = client.post(
        "/api/ask", json={"question": "And Yu Jian?", "history": ["What did Chen Shaobo say about forests?"]}
    ).json()
    assert {c["speaker"] for c in body["citations"]} == {"Yu Jian"}
    speaker = client.post("/api/ask", json={"question": "What was said about talent?", "speaker": "Liang Huiling"}).json()
    assert speaker["citations"] and {c["speaker"] for c in speaker["citations"]} == {"Liang Huiling"}


@pytest.mark.parametrize(
    "payload",
    [{}, {"question": ""}, {"question": 42}, {"question": "talent?", "date_from": "26 April"}, {"question": "x", "history": "no"}],
)
def test_malformed_requests_get_422_with_a_message(client, payload):
    response = client.post("/api/ask", json=payload)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_impossible_date_is_422(client):
    response = client.post("/api/ask", json={"question": "talent?", "date_from": "2024-02-30"})
    assert response.status_code == 422 and "2024-02-30" in response.json()["detail"]


def test_token_required_when_configured(engine):
    client = TestClient(create_app(engine, AppSettings(api_token="s3cret")))
    assert client.get("/api/transcripts").status_code == 401
    assert client.get("/api/transcripts", headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = client.get("/api/transcripts", headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()[0]["turns"] == 11
    assert client.get("/docs").status_code == 200  # the docs page itself is public


def test_upload_list_speakers_and_delete(client, corpus_file):
    path = corpus_file("whitehouse_md/wh_2024-01-27_background_call_anon_official.md")
    bad = ("notes.json", b'{"hello": "world"}', "application/json")
    response = client.post("/api/transcripts", files=[("files", (path.name, path.read_bytes(), "text/markdown")), ("files", bad)])
    assert response.status_code == 200
    good, failed = response.json()
    assert good["ok"] and good["turns"] == 20 and good["status"] == "added"
    assert not failed["ok"] and "no known shape" in failed["error"]
    ids = [t["id"] for t in client.get("/api/transcripts").json()]
    assert good["transcript_id"] in ids
    speakers = client.get("/api/speakers", params={"transcript": good["transcript_id"]}).json()
    assert "Moderator" in {s["name"] for s in speakers[good["transcript_id"]]}
    assert client.get(f"/api/transcripts/{good['transcript_id']}").json()["turns"][0]["speaker"]
    assert client.delete(f"/api/transcripts/{good['transcript_id']}").status_code == 200
    assert client.delete(f"/api/transcripts/{good['transcript_id']}").status_code == 404


def test_upload_over_the_limit_is_413(client):
    big = b"MS. PSAKI:  Hello.\n" * 70000  # about 1.3 MB, over the 1 MB limit of this app
    response = client.post("/api/transcripts", files=[("files", ("big.txt", big, "text/plain"))])
    assert response.status_code == 413


def test_check_and_overview_endpoints(client, sample_path):
    body = client.post("/api/check", json={"quote": "To revitalize Heilongjiang, talent is the key.", "speaker": "Yu Jian"}).json()
    assert body["verdict"] == "misattributed" and body["said_by"] == "Chen Shaobo"
    assert client.post("/api/check", json={"quote": ""}).status_code == 422
    transcript_id = parse_file(sample_path).id
    view = client.get(f"/api/transcripts/{transcript_id}/overview").json()
    assert [q["asked_by"] for q in view["questions"]] == [
        "CCTV reporter", "Southern Metropolis Daily reporter", "Xinhua News Agency reporter"
    ]
    assert client.get("/api/transcripts/nope/overview").status_code == 404
