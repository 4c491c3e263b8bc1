import logging

from domain.sms import SendOutcome, SendResult, SmsMessage

logger = logging.getLogger(__name__)


class ConsoleSmsSender:
    """Writes each message to the log instead of sending it: the default for local runs."""

    async def send(self, message: SmsMessage) -> SendResult:
        logger.info(
            "sms_console_message",
            extra={
                "notification_id": str(message.notification_id),
                "recipient": message.recipient.masked,
                "body": message.body,
            },
        )
        return SendResult(
            outcome=SendOutcome.ACCEPTED,
            provider_message_id=f"console-{message.notification_id}",
            provider_status="logged",
        )
