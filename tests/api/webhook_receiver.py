"""A real HTTP server on 127.0.0.1 in a thread, standing in for a company's
system that receives webhooks: it records each request and answers with the
status, body and headers the test sets (`receiver.answer(...)`)."""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes


@dataclass
class WebhookReceiver:
    server: ThreadingHTTPServer
    requests: list = field(default_factory=list)
    status: int = 200
    body: bytes = b'{"ok": true}'
    headers: dict = field(default_factory=dict)
    delay: float = 0.0

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hooks/portal"

    def answer(self, status: int, body: bytes = b"", headers=None, delay=0.0):
        self.status, self.body = status, body
        self.headers, self.delay = headers or {}, delay


def _handler(receiver: WebhookReceiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802  (http.server's name)
            length = int(self.headers.get("Content-Length", 0))
            receiver.requests.append(
                Received(
                    method="POST",
                    path=self.path,
                    headers=dict(self.headers.items()),
                    body=self.rfile.read(length),
                )
            )
            if receiver.delay:
                threading.Event().wait(receiver.delay)
            self.send_response(receiver.status)
            for name, value in receiver.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(receiver.body)))
            self.end_headers()
            self.wfile.write(receiver.body)

        def log_message(self, format, *args):
            pass

    return Handler


def start_receiver() -> WebhookReceiver:
    receiver = WebhookReceiver(server=None)
    receiver.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    receiver.server.daemon_threads = True
    threading.Thread(target=receiver.server.serve_forever, daemon=True).start()
    return receiver
