"""Helpers of the browser tests: the browser's settings, and the steps a reporter takes on the page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[3]
SHOTS = ROOT / "test-output" / "ui"
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
PSAKI = "whitehouse_md/wh_2021-07-16_psaki.md"


def local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOOPBACK


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def ask(page: Page, question: str) -> None:
    page.locator("#pod-question textarea").fill(question)
    page.locator("#pod-ask").click()
    expect(page.locator("#pod-sources .pod-banner").first).to_contain_text(question, timeout=30_000)


def pick(page: Page, dropdown: str, option: str | re.Pattern) -> None:
    """Gradio dropdowns are custom widgets: open, then choose the option by its accessible name."""
    page.locator(f"{dropdown} input").click()
    page.get_by_role("option", name=option).click()


def upload(page: Page, *paths: Path) -> None:
    page.get_by_role("tab", name="Upload transcripts").click()
    page.locator("#pod-files input[type=file]").set_input_files([str(p) for p in paths])
    expect(page.locator("#pod-upload-results .pod-uploads")).to_contain_text(f"of {len(paths)} file(s) stored", timeout=120_000)
