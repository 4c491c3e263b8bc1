"""Logging configured once: stdlib records rendered by structlog.

JSON lines when stderr is not a terminal (or when asked), a readable console format
otherwise. Context bound with ``structlog.contextvars`` (the request id) joins every
record, and known secret keys are redacted as a backstop to the call sites' care.
"""

import atexit
import logging
import os
import queue
import sys
from collections.abc import MutableMapping
from logging.handlers import QueueHandler, QueueListener
from typing import Any

import msgspec
import structlog

REDACTED = "[redacted]"
SECRET_KEYS = frozenset(
    {
        "authorization",
        "access_token",
        "refresh_token",
        "id_token",
        "token",
        "password",
        "secret",
        "client_secret",
        "api_key",
        "code",
        "code_verifier",
        "idempotency_key",
        "cookie",
    }
)
# Enough to ride out a slow pipe for a second or two at full load, bounded in memory.
QUEUED_RECORDS = 10_000
_configured = False
_output: "_BackgroundWriter | None" = None


def redact_secrets(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """Replace the value of any key that names a secret."""
    for key in event_dict.keys() & SECRET_KEYS:
        event_dict[key] = REDACTED
    return event_dict


def configure_logging(level: str = "INFO", log_format: str = "auto") -> None:
    """Route every stdlib record through structlog; later calls change nothing."""
    global _configured, _output
    if _configured:
        return
    _configured = True
    as_json = log_format == "json" or (log_format == "auto" and not sys.stderr.isatty())
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.ExtraAdder(),
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        redact_secrets,
    ]
    renderer: Any = (
        structlog.processors.JSONRenderer(serializer=_to_json)
        if as_json
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info if as_json else _keep,
            renderer,
        ],
    )
    _output = _output or _BackgroundWriter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [_output.handler]
    root.setLevel(level.upper())
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


class _BlockingQueueHandler(QueueHandler):
    """Wait for room rather than drop records or grow without bound when output is slow."""

    def __init__(self) -> None:
        self.records: queue.Queue[logging.LogRecord] = queue.Queue(maxsize=QUEUED_RECORDS)
        super().__init__(self.records)

    def enqueue(self, record: logging.LogRecord) -> None:
        self.records.put(record)


class _BackgroundWriter:
    """Write rendered records from a thread, so a blocked pipe or disk never stalls the loop.

    Records are rendered where they are logged, where the request's context is bound.

    Threads do not survive ``fork``, and granian forks its workers after the parent has
    configured logging: each child starts a writer thread of its own.
    """

    def __init__(self, formatter: logging.Formatter) -> None:
        self._writer = logging.StreamHandler(sys.stderr)
        self._writer.setFormatter(logging.Formatter("%(message)s"))
        self.handler = _BlockingQueueHandler()
        self.handler.setFormatter(formatter)
        self._start()
        os.register_at_fork(after_in_child=self._start)
        atexit.register(self.flush)

    def _start(self) -> None:
        self.handler.records = queue.Queue(maxsize=QUEUED_RECORDS)
        self._listener = QueueListener(self.handler.records, self._writer)
        self._listener.start()

    def flush(self) -> None:
        self._listener.stop()
        self._listener.start()


def flush_logs() -> None:
    """Write every queued record; call at shutdown, as worker processes skip ``atexit``."""
    if _output is not None:
        _output.flush()


def _to_json(value: Any, **_options: Any) -> str:
    return msgspec.json.encode(value, enc_hook=str).decode()


def _keep(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    return event_dict
