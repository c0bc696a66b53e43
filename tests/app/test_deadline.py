"""The per-request deadline: it follows the work into the API's threads, stops the work itself, and gives a 504."""

from __future__ import annotations

import contextvars
import threading
import time
import traceback

import pytest
from fastapi.testclient import TestClient

from app.api import create_app
from app.settings import AppSettings
from chat.check import check_quote
from index.deadline import DeadlineExceeded, check_deadline, deadline, remaining
from chat.engine import Engine


def test_no_deadline_is_a_no_op_and_a_passed_one_raises():
    check_deadline()
    assert remaining() is None
    with deadline(0.01):
        check_deadline()
        time.sleep(0.02)
        with pytest.raises(DeadlineExceeded, match="0.01 s"):
            check_deadline()
    check_deadline()  # gone with the block


def test_an_inner_deadline_cannot_extend_an_outer_one():
    with deadline(0.05):
        with deadline(60):
            assert remaining() <= 0.05
        with deadline(0.01):
            assert remaining() <= 0.01
        assert 0.01 < remaining() <= 0.05


def test_the_deadline_reaches_a_thread_run_in_the_callers_context():
    seen = {}
    with deadline(5):
        context = contextvars.copy_context()
    thread = threading.Thread(target=context.run, args=(lambda: seen.update(left=remaining()),))
    thread.start()
    thread.join()
    assert 0 < seen["left"] <= 5


def test_a_tiny_deadline_stops_a_real_question_inside_retrieval(sample_store):
    engine = Engine(sample_store)
    engine.ask("What did Chen Shaobo say about talent?")  # warm: the registry and the view are loaded
    with deadline(0.001), pytest.raises(DeadlineExceeded) as caught:
        engine.ask("What did Chen Shaobo say about talent?")
    frames = [frame.filename for frame in traceback.extract_tb(caught.value.__traceback__)]
    assert frames[-2].endswith("index/retriever.py")  # raised where retrieval begins, not after the answer


def test_past_the_deadline_the_api_answers_504_naming_it_and_the_work_stops(sample_store):
    engine = Engine(sample_store)
    quote = "To revitalize Heilongjiang, talent is the key. " * 400  # long: every passage's alignment costs
    started = time.monotonic()
    check_quote(engine, quote, "Yu Jian")
    whole = time.monotonic() - started  # about 2 s here
    app = create_app(engine, AppSettings(api_token=None, request_seconds=0.05))
    response = TestClient(app).post("/api/check", json={"quote": quote, "speaker": "Yu Jian"})
    assert response.status_code == 504
    assert response.json()["bound"] == "request_seconds" and response.json()["limit"] == 0.05
    answered = time.monotonic()
    while app.state.running and time.monotonic() - answered < whole:
        time.sleep(0.01)
    assert not app.state.running, "the work went on after the 504"
    assert time.monotonic() - answered < whole / 2  # it stopped at a check, long before it would have ended
