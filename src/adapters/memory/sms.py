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
