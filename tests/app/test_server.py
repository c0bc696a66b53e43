"""The served app on loopback: uploads bounded as they stream, the UI responsive under API load, sign-in
throttled, and a stop that does not wait for ever."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from app.api import create_app
from app.settings import AppSettings
from chat.engine import Engine

from .conftest import free_port, served

SLOW_QUOTE = "To revitalize Heilongjiang, talent is the key. " * 400  # about 2 s of alignment each, here


def spooled_bytes() -> int:
    """Bytes on disk in files this process holds open under the temporary folder, deleted ones included."""
    total, root = 0, tempfile.gettempdir()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
            if target.startswith(root):
                total += os.stat(f"/proc/self/fd/{fd}").st_blocks * 512
        except OSError:
            continue
    return total


def chunked_upload(url: str, total: int, chunk: int = 2**16) -> tuple[bytes, int]:
    """POST a multipart body of `total` bytes, chunked (no length up front), until the server answers or
    closes; the reply's first bytes and how many body bytes were sent."""
    host, port = url.removeprefix("http://").split(":")
    boundary = b"podium-big"
    head = (b"POST /api/transcripts HTTP/1.1\r\nHost: %s\r\nTransfer-Encoding: chunked\r\n"
            b"Content-Type: multipart/form-data; boundary=%s\r\n\r\n") % (host.encode(), boundary)  # fmt: skip
    preamble = b'--%s\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n' % boundary
    data = b"MS. PSAKI:  Hello.\n" * (chunk // 19)
    sent = 0
    with socket.create_connection((host, int(port)), timeout=60) as sock:
        sock.sendall(head + b"%x\r\n%s\r\n" % (len(preamble), preamble))
        sock.setblocking(False)
        try:
            while sent < total:
                try:
                    reply = sock.recv(4096)
                    if reply:
                        return reply, sent
                except BlockingIOError:
                    pass
                piece = b"%x\r\n%s\r\n" % (len(data), data)
                view = memoryview(piece)
                while view:
                    try:
                        view = view[sock.send(view) :]
                    except BlockingIOError:
                        time.sleep(0.001)
                sent += len(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        sock.setblocking(True)
        return sock.recv(4096), sent


def test_a_200_mb_chunked_upload_is_refused_as_it_streams_with_disk_use_bounded(sample_store):
    app = create_app(Engine(sample_store), AppSettings(api_token=None, max_upload_mb=5, max_request_mb=10))
    peak, done = [0], threading.Event()

    def watch():
        while not done.is_set():
            peak[0] = max(peak[0], spooled_bytes())
            time.sleep(0.002)

    baseline = spooled_bytes()
    free_before = os.statvfs(tempfile.gettempdir())
    watcher = threading.Thread(target=watch)
    with served(app) as url:
        watcher.start()
        try:
            reply, sent = chunked_upload(url, 200 * 2**20)
        finally:
            done.set()
            watcher.join()
    free_after = os.statvfs(tempfile.gettempdir())
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    assert b"max_request_mb" in reply
    assert sent < 40 * 2**20, f"the server read {sent / 2**20:.0f} MB of a body bounded at 10 MB"
    spooled = peak[0] - baseline
    assert spooled <= 5 * 2**20 + 2**20, f"{spooled / 2**20:.1f} MB spooled to disk; the per-file bound is 5 MB"
    print(f"sent {sent / 2**20:.1f} MB, spooled at most {spooled / 2**20:.1f} MB, "
          f"/tmp free {(free_before.f_bavail - free_after.f_bavail) * free_before.f_frsize / 2**20:+.1f} MB used")  # fmt: skip


def test_the_ui_answers_while_40_slow_api_calls_run(sample_store):
    from app.server import build_app

    app = build_app(Engine(sample_store), AppSettings(api_token=None, api_workers=4, request_seconds=600))
    with served(app) as url, ThreadPoolExecutor(40) as callers:
        with httpx.Client(base_url=url, timeout=600) as client:
            client.get("/").raise_for_status()  # warm
            calls = [callers.submit(client.post, "/api/check", json={"quote": SLOW_QUOTE, "speaker": "Yu Jian"})
                     for _ in range(40)]  # fmt: skip
            time.sleep(2)  # all 40 are in: four run, the rest wait for the API's threads
            with httpx.Client(base_url=url, timeout=10) as browser:
                for path in ("/", "/config", "/gradio_api/info"):
                    started = time.monotonic()
                    assert browser.get(path).status_code == 200
                    assert time.monotonic() - started < 5, f"{path} took {time.monotonic() - started:.1f} s"
            finished = sum(call.done() for call in calls)
            assert finished < 30, "the slow calls were over before the page was asked for: the test proved nothing"
            assert [call.result().status_code for call in calls] == [200] * 40


def test_wrong_passwords_are_throttled_per_client_with_backoff(sample_store):
    from app.server import build_app

    config = AppSettings(api_token="s3cret", login_free_attempts=3, login_backoff_seconds=0.5)
    app = build_app(Engine(sample_store), config)

    def login(client, password):
        return client.post("/login", data={"username": "reporter", "password": password})

    def client_at(address):
        from fastapi.testclient import TestClient

        return TestClient(app, client=(address, 5000))

    with client_at("10.0.0.1") as guesser, client_at("10.0.0.2") as colleague:
        assert [login(guesser, f"guess{i}").status_code for i in range(4)] == [400, 400, 400, 400]
        locked = login(guesser, "s3cret")  # even the right one waits: guessing must not go on
        assert locked.status_code == 429 and int(locked.headers["retry-after"]) >= 1
        assert login(colleague, "s3cret").status_code == 200  # another client is not held up
        time.sleep(0.6)
        assert login(guesser, "guess5").status_code == 400  # the wait is over; this one doubles it
        assert login(guesser, "s3cret").status_code == 429
        time.sleep(1.1)
        assert login(guesser, "s3cret").status_code == 200
        assert login(guesser, "guess6").status_code == 400  # a right password cleared the count


def test_a_stopped_server_exits_within_its_shutdown_bound_while_slow_calls_run(tmp_path, sample_path):
    env = {**os.environ, "PODIUM_SHUTDOWN_SECONDS": "2", "PODIUM_REQUEST_SECONDS": "600", "PODIUM_API_WORKERS": "2"}
    store = tmp_path / "store"
    podium = [sys.executable, "-m", "app.cli"]
    subprocess.run([*podium, "ingest", str(sample_path), "--store", str(store)], env=env, check=True, capture_output=True, timeout=300)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")  # a file, not a pipe: a full pipe would stall the server
    server = subprocess.Popen([*podium, "serve", "--port", str(port), "--store", str(store)], env=env,
                              stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
            try:
                httpx.get(f"{url}/api/transcripts", timeout=5).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.5)
        callers = ThreadPoolExecutor(20)
        calls = [callers.submit(httpx.post, f"{url}/api/check", json={"quote": SLOW_QUOTE, "speaker": "Yu Jian"}, timeout=600)
                 for _ in range(20)]  # about 20 s of work on two threads  # fmt: skip
        time.sleep(3)
        stopped = time.monotonic()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        took = time.monotonic() - stopped
        assert took < 2 + 2 + 5, f"it took {took:.1f} s to stop"
        for call in calls:  # each answered, or dropped when the server stopped: none is left hanging
            assert call.exception(timeout=10) is None or isinstance(call.exception(), httpx.TransportError)
    finally:
        if server.poll() is None:
            server.kill()
            pytest.fail("SIGTERM did not stop the server")


