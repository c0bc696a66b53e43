"""Fixtures of the browser tests: Debian's chromium, and the one-process app on a free loopback port with a
temporary store holding the sample transcript; every test checks the page requested nothing off loopback."""

from __future__ import annotations

import os
import threading
import time

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from playwright.sync_api import Page, expect  # noqa: E402

from .browser import CHROMIUM, FLAGS, free_port, local  # noqa: E402


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium; `make test` installs it (apt-get install -y chromium)."
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    clipboard = ["clipboard-read", "clipboard-write"]
    return {**browser_context_args, "viewport": {"width": 1440, "height": 1000}, "permissions": clipboard}


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, embedder, sample_path):
    import uvicorn

    from chat.engine import Engine
    from app.server import build_app
    from app.settings import AppSettings
    from index.settings import Settings
    from index.store import Store
    from ingest import parse_file

    store = Store(Settings(store=tmp_path_factory.mktemp("ui") / "store", refresh_seconds=0), embedder)
    store.ingest(parse_file(sample_path))
    app = build_app(Engine(store), AppSettings(api_token=None, max_upload_mb=5))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}/"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def ui(page: Page, app_url):
    """The loaded app; afterwards, every URL the page requested must be on loopback."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(app_url)
    expect(page.locator("#pod-question textarea")).to_be_visible(timeout=30_000)
    expect(page.locator("#pod-filter-note")).to_contain_text("No filter: all", timeout=30_000)  # the load event ran
    yield page
    assert requested, "no request was recorded"
    outside = [url for url in requested if not local(url)]
    assert not outside, f"the page requested URLs off loopback: {outside}"
