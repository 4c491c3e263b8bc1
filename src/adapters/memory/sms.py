import asyncio

from domain.sms import SendOutcome, SendResult, SmsMessage


class RecordingSmsSender:
    """Accepts every message and keeps it, so tests can read what customers were sent.

    ``answers`` queues results to hand out before falling back to accepting.
    """

    def __init__(self) -> None:
        self.sent: list[SmsMessage] = []
        self.answers: list[SendResult] = []

    async def send(self, message: SmsMessage) -> SendResult:
        self.sent.append(message)
        if self.answers:
            return self.answers.pop(0)
        return SendResult(
            outcome=SendOutcome.ACCEPTED, provider_message_id=f"recorded-{len(self.sent)}"
        )


class RecordingSignal:
    """Counts the times the dispatcher was woken."""

    def __init__(self) -> None:
        self.wakes = 0

    def notify(self) -> None:
        self.wakes += 1


class GatedSmsSender:
    """Holds every send until ``gate`` opens, so a test can act while one is in flight.

    ``entered`` is set when the first send arrives; what passes the gate is recorded.
    """

    def __init__(self) -> None:
        self.recorder = RecordingSmsSender()
        self.entered = asyncio.Event()
        self.gate = asyncio.Event()

    async def send(self, message: SmsMessage) -> SendResult:
        self.entered.set()
        await self.gate.wait()
        return await self.recorder.send(message)
