"""Place orders through the use cases, as the HTTP API and the importer do."""

from application.orders.create_order import CreateOrderCommand
from application.orders.views import OrderView
from domain.notifications import Notification
from entrypoints.container import Container
from tests.factories import customer_command, item_command


async def place_orders(container: Container, how_many: int) -> list[OrderView]:
    item = await container.create_item()(item_command(name="Kikoi wrap", unit_price="1500.00"))
    views = []
    for _ in range(how_many):
        customer = await container.create_customer()(customer_command(first_name="Amina"))
        command = CreateOrderCommand(customer_id=customer.id, item_id=item.id, quantity=2)
        views.append(await container.create_order()(command))
    return views


async def notification_of(container: Container, view: OrderView) -> Notification:
    current = await container.get_order()(view.order.id)
    assert current.notification is not None
    return current.notification
