"""gunicorn servers for the benchmark: started on a free loopback port, and
always stopped again (the caller enters them into an ExitStack)."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
BASE_DIR = Path(__file__).resolve().parent.parent


class ServerError(Exception):
    """A server did not start."""


def free_port() -> int:
    """A port nobody listens on now (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _gunicorn() -> list[str]:
    beside = Path(sys.executable).with_name("gunicorn")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "gunicorn"]


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def stop(self, *, grace: float = 10.0) -> None:
        """SIGTERM to the master (it stops its workers), then SIGKILL to the
        whole process group if it is still there after `grace` seconds."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()


def start(
    name: str,
    app: str,
    *,
    settings: str,
    log_path: Path,
    workers: int = 2,
    ready_path: str = "/",
    timeout: float = 90.0,
    extra_args: tuple[str, ...] = (),
) -> Server:
    """gunicorn serving the WSGI `app` with `workers` sync workers under the
    Django `settings`, once it answers `ready_path` (any HTTP status).
    `extra_args` go to gunicorn after the bench's own (a later option wins)."""
    port = free_port()
    args = [
        *_gunicorn(),
        app,
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        # Stopping should not wait long for requests in flight.
        "--graceful-timeout=5",
        "--error-logfile=-",
        "--log-level=warning",
        f"--chdir={BASE_DIR}",
        *extra_args,
    ]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as log:
        # Its own session: Ctrl-C reaches only this process, which then
        # stops the server itself (Server.stop) and its workers with it.
        process = subprocess.Popen(
            args,
            env=env,
            cwd=BASE_DIR,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(name=name, process=process, port=port, log_path=log_path)
    try:
        _wait_until_ready(server, ready_path, timeout=timeout)
    except BaseException:
        server.stop(grace=2)
        raise
    return server


def _wait_until_ready(server: Server, path: str, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerError(
                f"{server.name} exited with {server.process.returncode}:\n"
                f"{server.log_text()[-3000:]}"
            )
        try:
            with urllib.request.urlopen(server.url(path), timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise ServerError(f"{server.name} did not answer within {timeout:.0f} s.")


def fetch(url: str, *, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """Status and location of one GET, redirects not followed: a signed-in
    page that answers a redirect to the login is not the page."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=60) as response:
            response.read()
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")
