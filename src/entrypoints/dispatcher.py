"""The loop that keeps sending due SMS: in the web process, or on its own from the CLI."""

import asyncio
import contextlib
import logging

from application.notifications.dispatch_notifications import DispatchNotifications

logger = logging.getLogger(__name__)


class AsyncioSignal:
    """Wakes a dispatcher in this process as soon as an order's SMS is committed.

    Only a hint: dispatchers also poll, so other processes' orders are found too.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()

    async def wait(self, seconds: float) -> None:
        """Return when notified or after ``seconds``, whichever is first."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._event.wait()
        self._event.clear()


class Dispatcher:
    """Runs ``DispatchNotifications`` until stopped, sleeping only when nothing is due.

    Stopping lets the send in flight finish and be recorded.
    """

    def __init__(
        self,
        *,
        dispatch: DispatchNotifications,
        signal: AsyncioSignal,
        poll_seconds: float,
        batch_size: int,
    ) -> None:
        self._dispatch = dispatch
        self._signal = signal
        self._poll_seconds = poll_seconds
        self._batch_size = batch_size
        self._task: asyncio.Task[None] | None = None

    async def run(self) -> None:
        while True:
            claimed = await self.run_once()
            if claimed < self._batch_size:
                await self._signal.wait(self._poll_seconds)

    async def run_once(self) -> int:
        """Send one batch; returns how many notifications it claimed."""
        try:
            report = await self._dispatch()
        except Exception:
            # A database blip must not end the loop: log it and try again at the next poll.
            logger.exception("sms_dispatch_failed")
            return 0
        if report.claimed:
            logger.info(
                "sms_dispatch_batch",
                extra={
                    "claimed": report.claimed,
                    "sent": report.sent,
                    "retry_scheduled": report.retry_scheduled,
                    "failed": report.failed,
                },
            )
        return report.claimed

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name="sms-dispatcher")
            logger.info("sms_dispatcher_started")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        logger.info("sms_dispatcher_stopped")
