from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.integration.http.builders import create_customer, create_item, place_order
from tests.integration.http.tokens import mint
from tests.integration.sms.fake_gateway import (
    Accepted,
    Behaviour,
    FakeGateway,
    running_gateway,
)
from tests.integration.sms.live_server import CALLBACK_SECRET, serving

DELIVERY = "/callbacks/africastalking/delivery"
# Reads of the order after the gateway answered; the dispatcher commits within a few.
MAX_READS = 2000


@pytest.fixture(scope="module")
def live_gateway() -> Iterator[FakeGateway]:
    with running_gateway() as gateway:
        yield gateway


@pytest.fixture(scope="module")
def api(live_gateway: FakeGateway) -> Iterator[httpx.Client]:
    with serving(live_gateway) as base_url:
        headers = {"Authorization": f"Bearer {mint('staff')}"}
        with httpx.Client(base_url=base_url, headers=headers, timeout=10) as client:
            yield client


def notification_once(api: httpx.Client, order_id: str, state: str) -> dict[str, Any]:
    for _ in range(MAX_READS):
        notification: dict[str, Any] = api.get(f"/api/v1/orders/{order_id}").json()["notification"]
        if notification["state"] == state:
            return notification
    pytest.fail(f"the order's SMS never became {state}")


def sent_order(api: httpx.Client, gateway: FakeGateway) -> tuple[dict[str, Any], Accepted]:
    customer = create_customer(api, first_name="Baraka")
    order = place_order(api, customer, create_item(api, name="Sisal basket", unit_price="850"))
    assert gateway.wait_for_message_to(customer["phone"])
    notification_once(api, order["id"], "sent")
    (accepted,) = gateway.accepted_to(customer["phone"])
    return order, accepted


def report(api: httpx.Client, secret: str, **form: str) -> httpx.Response:
    return api.post(DELIVERY, params={"secret": secret}, data=form)


def test_an_order_sends_one_sms_that_is_sent_then_delivered(
    api: httpx.Client, live_gateway: FakeGateway
) -> None:
    customer = create_customer(api, first_name="Amina", phone="0712 999888")
    item = create_item(api, name="Kikoi wrap", unit_price="1500.00")
    order = place_order(api, customer, item, quantity=2)
    assert live_gateway.wait_for_message_to("+254712999888")
    sent = notification_once(api, order["id"], "sent")
    (sms,) = live_gateway.accepted_to("+254712999888")

    answer = report(api, CALLBACK_SECRET, id=sms.message_id, status="Success", phoneNumber=sms.to)

    assert order["notification"]["state"] == "pending"
    assert sms.message == (
        f"Hi Amina, order #{order['number']} is placed: 2 x Kikoi wrap, "
        "total KES 3,000.00. Thank you!"
    )
    assert sent["attempts"] == 1
    assert answer.status_code == 200
    assert notification_once(api, order["id"], "delivered")["delivered_at"] is not None


def test_returns_403_for_a_wrong_callback_secret_and_changes_nothing(
    api: httpx.Client, live_gateway: FakeGateway
) -> None:
    order, sms = sent_order(api, live_gateway)

    answer = report(api, "guessed", id=sms.message_id, status="Success")

    assert answer.status_code == 403
    assert api.get(f"/api/v1/orders/{order['id']}").json()["notification"]["state"] == "sent"


def test_returns_404_for_a_report_on_an_unknown_message(api: httpx.Client) -> None:
    answer = report(api, CALLBACK_SECRET, id="ATXid_never_sent", status="Success")

    assert answer.status_code == 404


def test_returns_422_for_a_report_without_a_known_status(
    api: httpx.Client, live_gateway: FakeGateway
) -> None:
    order, sms = sent_order(api, live_gateway)

    answer = report(api, CALLBACK_SECRET, id=sms.message_id, status="Teleported")

    assert answer.status_code == 422
    assert api.get(f"/api/v1/orders/{order['id']}").json()["notification"]["state"] == "sent"


def test_a_rejected_report_fails_the_sms_and_lists_it_for_operators(
    api: httpx.Client, live_gateway: FakeGateway
) -> None:
    order, sms = sent_order(api, live_gateway)

    report(api, CALLBACK_SECRET, id=sms.message_id, status="Rejected", failureReason="Blacklisted")
    again = report(api, CALLBACK_SECRET, id=sms.message_id, status="Success")
    failed = api.get("/api/v1/notifications", params={"state": "failed"}).json()["results"]

    assert again.json() == {"state": "failed"}
    (listed,) = [n for n in failed if n["order_id"] == order["id"]]
    assert listed["last_error"] == "not delivered: Blacklisted"
    assert listed["recipient"] != sms.to
    assert listed["recipient"][-2:] == sms.to[-2:]


def test_returns_409_when_retrying_an_sms_the_gateway_accepted(
    api: httpx.Client, live_gateway: FakeGateway
) -> None:
    order, _ = sent_order(api, live_gateway)

    answer = api.post(f"/api/v1/notifications/{order['notification']['id']}/retry")

    assert answer.status_code == 409


def test_an_operator_retries_a_failed_sms_by_the_id_its_order_shows(
    api: httpx.Client, live_gateway: FakeGateway
) -> None:
    live_gateway.answer_next(Behaviour(recipient_status=403))
    requests_so_far = live_gateway.requests
    customer = create_customer(api, first_name="Zawadi")
    order = place_order(api, customer, create_item(api, name="Kanga", unit_price="600"))
    notification_id = order["notification"]["id"]
    assert live_gateway.wait_for_requests(requests_so_far + 1)
    failed = notification_once(api, order["id"], "failed")
    listed = api.get("/api/v1/notifications", params={"state": "failed", "limit": 500}).json()

    answer = api.post(f"/api/v1/notifications/{notification_id}/retry")

    assert failed["id"] == notification_id
    assert notification_id in [n["id"] for n in listed["results"]]
    assert answer.status_code == 200
    assert (answer.json()["id"], answer.json()["state"]) == (notification_id, "pending")
    assert live_gateway.wait_for_message_to(customer["phone"])
    assert notification_once(api, order["id"], "sent")["id"] == notification_id
