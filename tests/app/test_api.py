"""The HTTP API in-process over ASGI, on a real store and engine: answers, uploads, auth, bounds, bad requests."""

import json

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
    return TestClient(create_app(engine, AppSettings(api_token=None, max_upload_mb=1, max_request_mb=2, max_files=3)))


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


@pytest.mark.parametrize("day", ["2024-02-30", "0000-00-00", "2024-13-01"])
def test_a_date_must_be_a_date_of_the_calendar(client, day):
    response = client.post("/api/ask", json={"question": "talent?", "date_from": day})
    assert response.status_code == 422
    (error,) = response.json()["detail"]  # the documented shape: a list of {loc, msg, type}
    assert error["loc"] == ["body", "date_from"] and day in error["msg"] and error["type"]


def test_token_required_when_configured(engine):
    client = TestClient(create_app(engine, AppSettings(api_token="s3cret")))
    assert client.get("/api/transcripts").status_code == 401
    assert client.get("/api/transcripts", headers={"Authorization": "Bearer wrong"}).status_code == 401
    for token in ("s3crét".encode(), "秘密".encode(), b"\xff\xfe", "s3cret".encode() + b"\x80"):  # any bytes at all
        response = client.get("/api/transcripts", headers=[(b"authorization", b"Bearer " + token)])
        assert response.status_code == 401 and response.json()["detail"]
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


def test_a_file_over_the_per_file_bound_is_refused_and_reported(client):
    big = b"MS. PSAKI:  Hello.\n" * 70000  # about 1.3 MB: over this app's 1 MB a file, under its 2 MB a request
    small = b"MS. PSAKI:  Hello there.\n\nQ:  And?\n"
    response = client.post("/api/transcripts", files=[("files", ("big.txt", big)), ("files", ("empty.txt", small[:0]))])
    assert response.status_code == 200
    big_result, empty = response.json()
    assert not big_result["ok"] and "max_upload_mb" in big_result["error"] and "1 MB" in big_result["error"]
    assert not empty["ok"] and "empty" in empty["error"]


def test_a_request_over_its_bound_is_413_naming_it(client):
    files = [("files", (f"part{i}.txt", b"x" * 700_000)) for i in range(4)]  # 2.8 MB, over the 2 MB a request
    response = client.post("/api/transcripts", files=files)
    assert response.status_code == 413
    assert response.json()["bound"] == "max_request_mb" and response.json()["limit"] == 2
    long_json = client.post("/api/ask", content=b'{"question": "' + b"a" * 1_100_000 + b'"}',
                            headers={"content-type": "application/json"})  # fmt: skip
    assert long_json.status_code == 413 and long_json.json()["bound"] == "max_body_kb"


def test_more_files_than_the_bound_stores_none(client, engine):
    before = len(engine.store.transcripts())
    files = [("files", (f"t{i}.txt", f"MS. PSAKI:  Number {i}.\n".encode())) for i in range(4)]  # the bound is 3
    response = client.post("/api/transcripts", files=files)
    assert response.status_code == 422 and response.json()["detail"][0]["ctx"]["bound"] == "max_files"
    assert len(engine.store.transcripts()) == before


@pytest.mark.parametrize(
    "name, reason",
    [("..", "not a file name"), (".", "not a file name"), ("", "not a file name"), ("a\x00b.md", "control character"),
     ("x" * 300 + ".md", "over 255 bytes"), ("é" * 130 + ".md", "over 255 bytes")],
)  # fmt: skip
def test_bad_file_names_are_refused_per_file_and_every_file_is_reported(client, corpus, name, reason):
    good = corpus / "whitehouse_md/wh_2024-01-27_background_call_anon_official.md"
    body, content_type = multipart([(good.name.encode(), good.read_bytes()), (name.encode(), b"MS. X:  Hi.\n")])
    response = client.post("/api/transcripts", content=body, headers={"content-type": content_type})
    assert response.status_code == 200
    stored, refused = response.json()
    assert stored["ok"] and stored["file"] == good.name and stored["transcript_id"]
    assert not refused["ok"] and reason in refused["error"] and "\x00" not in refused["file"]


def test_a_path_in_a_file_name_keeps_its_last_part(client, corpus):
    good = corpus / "whitehouse_md/wh_2024-01-27_background_call_anon_official.md"
    for sent in (f"../../etc/{good.name}", f"C:\\Users\\me\\{good.name}"):
        (result,) = client.post("/api/transcripts", files=[("files", (sent, good.read_bytes()))]).json()
        assert result["ok"] and result["file"] == good.name


@pytest.mark.parametrize(
    "payload, loc, bound",
    [({"question": "q" * 2001}, ["body", "question"], "max_question_chars"),
     ({"question": "talent?", "speaker": "s" * 201}, ["body", "speaker"], "max_speaker_chars"),
     ({"question": "talent?", "transcript": "t" * 301}, ["body", "transcript"], "max_transcript_id_chars"),
     ({"question": "and?", "history": ["?"] * 21}, ["body", "history"], "max_history"),
     ({"question": "and?", "history": ["?", "h" * 2001]}, ["body", "history", 1], "max_history_chars")],
)  # fmt: skip
def test_every_field_past_its_bound_is_422_naming_the_bound(client, payload, loc, bound):
    response = client.post("/api/ask", json=payload)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == loc and error["ctx"]["bound"] == bound and f"PODIUM_{bound.upper()}" in error["msg"]


def test_quote_and_ids_past_their_bounds_are_422(client):
    assert client.post("/api/check", json={"quote": "q" * 20001}).json()["detail"][0]["ctx"]["bound"] == "max_quote_chars"
    for url in ("/api/transcripts/" + "t" * 301, "/api/transcripts/" + "t" * 301 + "/overview", "/api/speakers?transcript=" + "t" * 301):
        response = client.get(url)
        assert response.status_code == 422 and response.json()["detail"][0]["ctx"]["bound"] == "max_transcript_id_chars"


def test_unknown_fields_and_parts_that_are_not_files_are_422(client):
    for files in ([("notes", ("a.txt", b"MS. X:  Hi.\n"))], [("files", (None, b"just text"))]):
        response = client.post("/api/transcripts", files=files)
        assert response.status_code == 422 and response.json()["detail"][0]["msg"]
    assert client.post("/api/transcripts", json={"files": []}).status_code == 422


def test_a_method_an_api_path_does_not_take_is_405_with_allow(client):
    response = client.put("/api/ask")
    assert response.status_code == 405 and response.headers["allow"] == "POST"
    assert client.request("TRACE", "/api/transcripts/x").headers["allow"] == "DELETE, GET"
    assert client.get("/api/nowhere").status_code == 404


def test_the_schema_states_the_bounds_and_every_status(client):
    schema = client.get("/openapi.json").json()
    ask = schema["components"]["schemas"]["AskRequest"]["properties"]
    assert ask["question"]["maxLength"] == 2000 and ask["history"]["maxItems"] == 20
    assert ask["history"]["items"]["maxLength"] == 2000
    assert {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"} in ask["date_from"]["anyOf"]
    upload = schema["paths"]["/api/transcripts"]["post"]
    assert upload["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"]["files"]["maxItems"] == 3
    assert {"413", "422", "504"} <= set(upload["responses"])
    assert {"404", "422", "504"} <= set(schema["paths"]["/api/transcripts/{transcript_id}"]["delete"]["responses"])
    assert "security" not in upload and "401" not in upload["responses"]  # no token set: none is asked for


def test_with_a_token_the_schema_asks_for_it_and_declares_401(engine):
    schema = TestClient(create_app(engine, AppSettings(api_token="s3cret"))).get("/openapi.json").json()
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert operation["security"] == [{"HTTPBearer": []}] and "401" in operation["responses"]


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


def multipart(files: list[tuple[bytes, bytes]]) -> tuple[bytes, str]:
    """A multipart body with the file names as raw bytes (clients escape a NUL; a hostile one need not)."""
    boundary = b"podium-test-boundary"
    parts = [b'--%s\r\nContent-Disposition: form-data; name="files"; filename="%s"\r\n\r\n%s\r\n' % (boundary, name, data)
             for name, data in files]  # fmt: skip
    return b"".join(parts) + b"--%s--\r\n" % boundary, f"multipart/form-data; boundary={boundary.decode()}"


def test_a_store_whose_only_transcript_has_no_indexable_word_still_answers(tmp_path, embedder):
    """Found by the schemathesis run: its uploads of one-letter words, once the sample was deleted, left
    bm25s nothing to index, and every question and speaker list gave a 500."""
    store = Store(Settings(store=tmp_path / "store", refresh_seconds=0), embedder)
    client = TestClient(create_app(Engine(store), AppSettings(api_token=None)))
    (result,) = client.post("/api/transcripts", files=[("files", ("x.txt", b"MS. X:  A b c.\n\nQ:  D e?\n"))]).json()
    assert result["ok"], result
    assert client.post("/api/ask", json={"question": "a b"}).status_code == 200
    assert client.post("/api/check", json={"quote": "A b c."}).status_code == 200
    assert client.get("/api/speakers").status_code == 200


def test_the_longest_quote_allowed_fits_the_body_bound_whatever_its_characters(client):
    quote = "\U0001f600" * 20000  # JSON escapes each as a surrogate pair: 12 bytes a character
    body = json.dumps({"quote": quote}).encode()  # ensure_ascii, as most clients send
    assert len(body) > 200_000
    response = client.post("/api/check", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200 and response.json()["verdict"] == "not_found"
