"""One process serves the newsroom: the JSON API at /api (docs at /docs) and the web UI at /, over one engine."""

from __future__ import annotations

import os

# Before Gradio is imported: no analytics, no version check, no Hugging Face calls. Nothing leaves the machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import secrets  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

from fastapi import FastAPI  # noqa: E402

from .api import create_app  # noqa: E402
from .settings import AppSettings  # noqa: E402


def build_app(engine, settings: AppSettings | None = None) -> FastAPI:
    """The API's routes first, then the UI mounted at "/" on the same app and the same engine."""
    import gradio as gr

    from .web.ui import CSS, build_ui

    settings = settings or AppSettings()
    app = create_app(engine, settings)
    blocks = build_ui(engine, settings)
    return gr.mount_gradio_app(
        app, blocks, path="/", css=CSS, footer_links=[], run_history=False, ssr_mode=False, mcp_server=False,
        max_file_size=f"{settings.max_upload_mb}mb", auth=_login(settings.api_token),
        auth_message="Sign in with any user name and the Podium API token (PODIUM_API_TOKEN) as the password.",
    )  # fmt: skip


def _login(token: str | None):
    """With an API token set, the UI asks for it too: it can ask and upload just as the API can."""
    if token is None:
        return None
    return lambda _user, password: secrets.compare_digest(password.encode(), token.encode())


def serve(host: str = "127.0.0.1", port: int = 7860, store: Path | None = None) -> None:
    import uvicorn

    from .warmup import warm_up
    from .wiring import open_engine

    print("Loading the store and the embedding model…", flush=True)
    engine = open_engine(store)
    print(warm_up(engine), flush=True)
    app = build_app(engine)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    threading.Thread(target=_announce, args=(server, host, port), daemon=True).start()
    server.run()


def _announce(server, host: str, port: int) -> None:
    """Say where to open the app once it really listens."""
    while not server.started and not server.should_exit:
        threading.Event().wait(0.1)
    if server.started:
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        print(f"Podium is ready: open http://{shown}:{port}/ (JSON API at /api, docs at /docs). Ctrl+C stops it.", flush=True)
