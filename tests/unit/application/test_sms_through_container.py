from adapters.memory.sms import RecordingSmsSender
from application.orders.create_order import CreateOrderCommand
from application.orders.get_order import GetOrder
from domain.notifications import NotificationState
from entrypoints.container import Container
from tests.factories import customer_command, item_command


async def test_swapped_sms_sender_receives_the_order_message(container: Container) -> None:
    recorder = RecordingSmsSender()
    customer = await container.create_customer()(
        customer_command(first_name="Baraka", phone="0722 000111")
    )
    item = await container.create_item()(item_command(name="Sandals", unit_price="450.00"))
    with container.sms_sender.override(recorder):
        placed = await container.create_order()(
            CreateOrderCommand(customer_id=customer.id, item_id=item.id, quantity=3)
        )

        await container.dispatch_notifications()()

    [message] = recorder.sent
    assert message.recipient.e164 == "+254722000111"
    assert message.body == (
        f"Hi Baraka, order #{placed.order.number} is placed: 3 x Sandals, "
        "total KES 1,350.00. Thank you!"
    )
    get_order: GetOrder = container.get_order()
    stored = await get_order(placed.order.id)
    assert stored.notification is not None
    assert stored.notification.state is NotificationState.SENT
