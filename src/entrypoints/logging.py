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
import threading
from collections.abc import MutableMapping
from logging.handlers import QueueHandler
from typing import Any, TextIO

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
# Records written with one system call when a burst has queued them.
WRITE_BATCH = 256
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
        self.records: queue.Queue[logging.LogRecord | None] = queue.Queue(QUEUED_RECORDS)
        super().__init__(self.records)

    def enqueue(self, record: logging.LogRecord) -> None:
        self.records.put(record)


class _BackgroundWriter:
    """Write rendered records from a thread, so a blocked pipe or disk never stalls the loop.

    Records are rendered where they are logged, where the request's context is bound.

    The thread writes whatever has queued up with one write, so under load a burst of
    records costs one wake-up and one system call rather than one of each per record
    (each wake-up also takes the GIL from the event loop).

    Threads do not survive ``fork``, and granian forks its workers after the parent has
    configured logging: each child starts a writer thread of its own.
    """

    def __init__(self, formatter: logging.Formatter) -> None:
        self._stream = sys.stderr
        self.handler = _BlockingQueueHandler()
        self.handler.setFormatter(formatter)
        self._start_in_child()
        os.register_at_fork(after_in_child=self._start_in_child)
        atexit.register(self.flush)

    def _start_in_child(self) -> None:
        # The parent's queue may have been locked by one of its threads at the fork.
        self.handler.records = self.handler.queue = queue.Queue(QUEUED_RECORDS)
        self._start()

    def _start(self) -> None:
        records = self.handler.records
        self._thread = threading.Thread(
            target=_write_batches, args=(records, self._stream), daemon=True
        )
        self._thread.start()

    def flush(self) -> None:
        self.handler.records.put(None)
        self._thread.join()
        self._start()


def _write_batches(records: "queue.Queue[logging.LogRecord | None]", stream: TextIO) -> None:
    """Write queued records (rendered by ``QueueHandler.prepare``) until a ``None`` comes."""
    while True:
        batch = [records.get()]
        while len(batch) < WRITE_BATCH:
            try:
                batch.append(records.get_nowait())
            except queue.Empty:
                break
        text = "".join(f"{record.getMessage()}\n" for record in batch if record is not None)
        try:
            stream.write(text)
            stream.flush()
        except (OSError, ValueError):
            pass  # stderr is closed or gone: there is nowhere left to report it
        if any(record is None for record in batch):
            return


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
