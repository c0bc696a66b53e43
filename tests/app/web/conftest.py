"""Fixtures of the browser tests: Debian's chromium, and the one-process app on a free loopback port with a
temporary store holding the sample transcript (`ui`), or the sample and a White House briefing (`desk`);
every test checks the page requested nothing off loopback."""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from playwright.sync_api import Page, expect  # noqa: E402

from ..conftest import served  # noqa: E402
from .browser import CHROMIUM, FLAGS, PSAKI, local  # noqa: E402


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


@contextmanager
def serving(folder, embedder, *paths):
    """The one-process app on a free loopback port over a store of these transcripts; its address."""
    from app.server import build_app
    from app.settings import AppSettings
    from chat.engine import Engine
    from index.settings import Settings
    from index.store import Store
    from ingest import parse_file

    store = Store(Settings(store=folder / "store", refresh_seconds=0), embedder)
    store.ingest_many([parse_file(p) for p in paths])
    app = build_app(Engine(store), AppSettings(api_token=None, max_upload_mb=5))
    with served(app) as url:
        yield f"{url}/"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, embedder, sample_path):
    with serving(tmp_path_factory.mktemp("ui"), embedder, sample_path) as url:
        yield url


@pytest.fixture(scope="module")
def desk_url(tmp_path_factory, embedder, sample_path, corpus):
    """The sample and a White House briefing: a source link, a printed start time, greetings labelled Q."""
    with serving(tmp_path_factory.mktemp("desk"), embedder, sample_path, corpus / PSAKI) as url:
        yield url


def _opened(page: Page, url: str):
    """The loaded app; afterwards, every URL the page requested must be on loopback."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    expect(page.locator("#pod-question textarea")).to_be_visible(timeout=30_000)
    expect(page.locator("#pod-filter-note")).to_contain_text("No filter: all", timeout=30_000)  # the load event ran
    yield page
    assert requested, "no request was recorded"
    outside = [url for url in requested if not local(url)]
    assert not outside, f"the page requested URLs off loopback: {outside}"


@pytest.fixture
def ui(page: Page, app_url):
    yield from _opened(page, app_url)


@pytest.fixture
def desk(page: Page, desk_url):
    yield from _opened(page, desk_url)
