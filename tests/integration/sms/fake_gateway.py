"""A stand-in for Africa's Talking's messaging API, served over a real socket.

It answers ``POST /version1/messaging`` as the real API does: HTTP 201 with an
``SMSMessageData`` body whose recipients each carry a ``statusCode``, even when the
recipient was refused. Tests script it to fail, hang or reject, and read what it accepted.
"""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from urllib.parse import parse_qs

API_KEY = "fake-gateway-key"
USERNAME = "purchase-tests"
STATUS_WORDS = {
    100: "Processed",
    101: "Success",
    102: "Queued",
    401: "RiskHold",
    402: "InvalidSenderId",
    403: "InvalidPhoneNumber",
    404: "UnsupportedNumberType",
    405: "InsufficientBalance",
    406: "UserInBlacklist",
    407: "CouldNotRoute",
    409: "DoNotDisturbRejection",
    500: "InternalServerError",
    501: "GatewayError",
    502: "RejectedByGateway",
}


@dataclass(frozen=True)
class Behaviour:
    """One scripted answer: a recipient status code, a bare HTTP status, garbage, or a hang."""

    recipient_status: int = 101
    http_status: int | None = None
    garbage: bool = False
    hang: bool = False


ACCEPT = Behaviour()


@dataclass(frozen=True)
class Accepted:
    to: str
    message: str
    sender_id: str | None
    message_id: str


class FakeGateway:
    def __init__(self) -> None:
        self.accepted: list[Accepted] = []
        self.requests = 0
        self.script: list[Behaviour] = []
        self.default = ACCEPT
        self._ids = count(1)
        self._changed = threading.Condition()
        self._release = threading.Event()
        self.hung = threading.Event()
        self.url = ""

    def answer_next(self, *behaviours: Behaviour) -> None:
        with self._changed:
            self.script.extend(behaviours)

    def set_default(self, behaviour: Behaviour) -> None:
        with self._changed:
            self.default = behaviour

    def wait_for_accepted(self, how_many: int, timeout: float = 30) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: len(self.accepted) >= how_many, timeout)

    def wait_for_message_to(self, number: str, timeout: float = 30) -> bool:
        with self._changed:
            return self._changed.wait_for(
                lambda: any(a.to == number for a in self.accepted), timeout
            )

    def wait_for_requests(self, how_many: int, timeout: float = 30) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self.requests >= how_many, timeout)

    def accepted_to(self, number: str) -> list[Accepted]:
        with self._changed:
            return [a for a in self.accepted if a.to == number]

    def release_hung(self) -> None:
        self._release.set()

    def next_behaviour(self) -> Behaviour:
        with self._changed:
            self.requests += 1
            self._changed.notify_all()
            return self.script.pop(0) if self.script else self.default

    def accept(self, to: str, message: str, sender_id: str | None) -> Accepted:
        with self._changed:
            accepted = Accepted(to, message, sender_id, f"ATXid_fake{next(self._ids):06d}")
            self.accepted.append(accepted)
            self._changed.notify_all()
            return accepted

    def hang(self) -> None:
        """Hold the request unanswered, as a gateway that stalled before processing it."""
        self.hung.set()
        self._release.wait(timeout=60)


class _GatewayServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, gateway: FakeGateway) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.gateway = gateway


class _Handler(BaseHTTPRequestHandler):
    @property
    def gateway(self) -> FakeGateway:
        assert isinstance(self.server, _GatewayServer)
        return self.server.gateway

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if self.path != "/version1/messaging":
            self._reply(404, "text/plain", "no such endpoint")
        elif self.headers.get("apiKey") != API_KEY or form.get("username") != USERNAME:
            self._reply(401, "text/plain", "The supplied authentication is invalid")
        else:
            self._answer(self.gateway.next_behaviour(), form)

    def _answer(self, behaviour: Behaviour, form: dict[str, str]) -> None:
        if behaviour.hang:
            self.gateway.hang()
            return
        if behaviour.http_status is not None:
            self._reply(behaviour.http_status, "text/plain", "Service Unavailable")
        elif behaviour.garbage:
            self._reply(201, "text/html", "<html>gateway maintenance</html>")
        else:
            body = self._messaging_data(behaviour.recipient_status, form)
            self._reply(201, "application/json", json.dumps(body))

    def _messaging_data(self, code: int, form: dict[str, str]) -> dict[str, object]:
        to, message = form["to"], form["message"]
        if code in (100, 101, 102):
            message_id = self.gateway.accept(to, message, form.get("from")).message_id
            cost = "KES 0.8000"
        else:
            message_id, cost = "None", "0"
        recipient = {
            "statusCode": code,
            "number": to,
            "status": STATUS_WORDS[code],
            "cost": cost,
            "messageId": message_id,
        }
        summary = f"Sent to {int(code < 200)}/1 Total Cost: {cost}"
        return {"SMSMessageData": {"Message": summary, "Recipients": [recipient]}}

    def _reply(self, status: int, content_type: str, text: str) -> None:
        payload = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep the test output quiet."""


@contextmanager
def running_gateway() -> Iterator[FakeGateway]:
    gateway = FakeGateway()
    server = _GatewayServer(gateway)
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}"
    # A short poll keeps shutdown (once per test) quick.
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        gateway.release_hung()
        server.shutdown()
        server.server_close()
