"""Delivery reports from Africa's Talking, which signs nothing: a secret in the URL guards them."""

import hmac
import logging
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, post
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.exceptions import PermissionDeniedException
from litestar.params import QueryParameter

from adapters.sms.delivery_reports import read_delivery_status
from application.notifications.record_delivery_report import (
    DeliveryReport,
    RecordDeliveryReport,
)
from domain.errors import ValidationError
from domain.notifications import NotificationState
from entrypoints.http.dependencies import described_by, use_cases
from entrypoints.http.errors import api_problems

logger = logging.getLogger(__name__)
MAX_FIELD = 200


class DeliveryReportOut(msgspec.Struct, kw_only=True):
    state: NotificationState


class CallbackController(Controller):
    path = "/callbacks/africastalking"
    tags = ["callbacks"]  # noqa: RUF012 - Litestar reads these class attributes
    dependencies = use_cases("record_delivery_report")

    @post(
        "/delivery",
        status_code=200,
        description=described_by(RecordDeliveryReport),
        responses=api_problems(403, 404, 422),
        security=[],
    )
    async def record_delivery(
        self,
        request: Request[Any, Any, Any],
        state: State,
        record_delivery_report: NamedDependency[RecordDeliveryReport],
        secret: Annotated[str, QueryParameter(max_length=MAX_FIELD)] = "",
    ) -> DeliveryReportOut:
        _check_secret(state.container.config.at_callback_secret() or "", secret)
        form = await request.form()
        report = DeliveryReport(
            provider_message_id=_field(form, "id"),
            status=read_delivery_status(_field(form, "status")),
            failure_reason=str(form.get("failureReason") or "")[:MAX_FIELD] or None,
        )
        notification = await record_delivery_report(report)
        return DeliveryReportOut(state=notification.state)


def _check_secret(expected: str, given: str) -> None:
    # Constant-time, so the secret cannot be guessed a character at a time; an unset
    # secret refuses every report rather than accepting any.
    if not expected or not hmac.compare_digest(expected.encode(), given.encode()):
        logger.warning("sms_callback_refused", extra={"secret_set": bool(expected)})
        raise PermissionDeniedException("not a callback this service handed out")


def _field(form: Any, name: str) -> str:
    value = form.get(name)
    if not isinstance(value, str) or not value or len(value) > MAX_FIELD:
        raise ValidationError.for_field(name, "required, at most 200 characters")
    return value
