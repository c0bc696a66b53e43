"""Shared by the shells' tests: a real store holding the sample, and an app served by uvicorn on a free loopback port."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

import pytest

from ..conftest import free_port


@contextmanager
def served(app, **config):
    """The app on loopback in a thread of this process; yields its base URL and stops it afterwards."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning", **config))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(30)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, embedder, sample_path):
    from index.settings import Settings
    from index.store import Store
    from ingest import parse_file

    store = Store(Settings(store=tmp_path_factory.mktemp("shell") / "store", refresh_seconds=0), embedder)
    store.ingest(parse_file(sample_path))
    return store
