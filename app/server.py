"""One process serves the newsroom: the JSON API at /api (docs at /docs) and the web UI at /, over one engine."""

from __future__ import annotations

import os

# Before Gradio is imported: no analytics, no version check, no Hugging Face calls. Nothing leaves the machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

import json  # noqa: E402
import secrets  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections import OrderedDict  # noqa: E402
from concurrent.futures import wait  # noqa: E402
from pathlib import Path  # noqa: E402

from fastapi import FastAPI  # noqa: E402

from .api import create_app  # noqa: E402
from .settings import AppSettings  # noqa: E402

LOGIN_PATHS = ("/login", "/login/")  # Gradio's sign-in form posts here
_CLIENTS = 10_000  # clients whose failures are remembered; the oldest are forgotten first


def build_app(engine, settings: AppSettings | None = None) -> FastAPI:
    """The API's routes first, then the UI mounted at "/" on the same app and the same engine."""
    import gradio as gr

    from .web.ui import CSS, build_ui

    settings = settings or AppSettings()
    app = create_app(engine, settings)
    blocks = build_ui(engine, settings)
    if settings.api_token is not None:
        app.add_middleware(LoginThrottle, settings=settings)
    return gr.mount_gradio_app(
        app, blocks, path="/", css=CSS, footer_links=[], run_history=False, ssr_mode=False, mcp_server=False,
        max_file_size=f"{settings.max_upload_mb}mb", auth=_login(settings.api_token),
        auth_message="Sign in with any user name and the Podium API token (PODIUM_API_TOKEN) as the password.",
    )  # fmt: skip


def _login(token: str | None):
    """With an API token set, the UI asks for it too: it can ask and upload just as the API can.
    Guesses are throttled per client (LoginThrottle)."""
    if token is None:
        return None
    return lambda _user, password: secrets.compare_digest(password.encode(), token.encode())


class LoginThrottle:
    """ASGI middleware over the UI's sign-in: after login_free_attempts wrong passwords from one client,
    it must wait before the next try (429, Retry-After), the wait doubling with each further wrong one.
    A right password clears the count. A client is its address."""

    def __init__(self, app, settings: AppSettings):
        self.app = app
        self.settings = settings
        self.failures: OrderedDict[str, tuple[int, float]] = OrderedDict()  # client -> (wrong passwords, locked until)
        self.lock = threading.Lock()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in LOGIN_PATHS:
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown",))[0]
        wait_for = self._locked(client)
        if wait_for:
            return await _too_many(wait_for, send)
        status = 0

        async def watched(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, watched)
        if status == 200:
            with self.lock:
                self.failures.pop(client, None)
        elif status == 400:  # Gradio's "Incorrect credentials."
            self._failed(client)

    def _locked(self, client: str) -> float:
        with self.lock:
            _, until = self.failures.get(client, (0, 0.0))
        return max(0.0, until - time.monotonic())

    def _failed(self, client: str) -> None:
        config = self.settings
        with self.lock:
            count = self.failures.pop(client, (0, 0.0))[0] + 1
            over = count - config.login_free_attempts
            wait_for = min(config.login_backoff_seconds * 2 ** (over - 1), config.login_max_backoff_seconds) if over > 0 else 0.0
            self.failures[client] = (count, time.monotonic() + wait_for)
            while len(self.failures) > _CLIENTS:
                self.failures.popitem(last=False)


async def _too_many(wait_for: float, send) -> None:
    seconds = max(1, round(wait_for + 0.5))
    body = json.dumps({"detail": f"too many wrong passwords from this address; try again in {seconds} s"}).encode()
    headers = [(b"content-type", b"application/json"), (b"retry-after", str(seconds).encode())]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def serve(host: str = "127.0.0.1", port: int = 7860, store: Path | None = None) -> None:
    import uvicorn

    from .warmup import warm_up
    from .wiring import open_engine

    print("Loading the store and the embedding model…", flush=True)
    settings = AppSettings()
    engine = open_engine(store)
    print(warm_up(engine), flush=True)
    app = build_app(engine, settings)
    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=settings.shutdown_seconds
    )
    server = uvicorn.Server(config)
    threading.Thread(target=_announce, args=(server, host, port), daemon=True).start()
    server.run()
    _drain(app, settings.shutdown_seconds)


def _drain(app: FastAPI, seconds: float) -> None:
    """API work still running once the server stopped (its client gone) gets `seconds` more, then is
    abandoned: the process exits anyway (the store is safe to leave at any point: it commits last)."""
    _, running = wait(list(app.state.running), timeout=seconds)
    if running:
        print(f"Stopping with {len(running)} API call(s) still running.", flush=True)
        os._exit(1)  # their threads would hold the interpreter open


def _announce(server, host: str, port: int) -> None:
    """Say where to open the app once it really listens."""
    while not server.started and not server.should_exit:
        threading.Event().wait(0.1)
    if server.started:
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        print(f"Podium is ready: open http://{shown}:{port}/ (JSON API at /api, docs at /docs). Ctrl+C stops it.", flush=True)
