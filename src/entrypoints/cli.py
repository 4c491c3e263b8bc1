"""The ``purchase`` command."""

import asyncio
import json

import click

from application.customers.create_customer import CreateCustomerCommand
from application.items.create_item import CreateItemCommand
from application.orders.create_order import CreateOrderCommand
from entrypoints.container import build_container
from entrypoints.db_cli import db
from entrypoints.http.serve import serve as serve_http
from entrypoints.identity_cli import clients, keys, users
from entrypoints.notifications_cli import notifications
from entrypoints.settings import Settings


@click.group()
def main() -> None:
    """Customers, items and orders, with an SMS on every order."""


main.add_command(notifications)
main.add_command(db)
main.add_command(users)
main.add_command(clients)
main.add_command(keys)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, help="Worker processes.")
def serve(host: str, port: int, workers: int) -> None:
    """Serve the HTTP API (OpenAPI and its UI at /schema)."""
    serve_http(host=host, port=port, workers=workers)


@main.command()
def demo() -> None:
    """Place one order through the library, in memory, and print it."""
    settings = Settings.load()
    container = build_container(
        Settings(
            database_url="memory://", sms_backend="recording", sms_template=settings.sms_template
        )
    )
    order = asyncio.run(_place_demo_order(container))
    click.echo(json.dumps(order, indent=2))


async def _place_demo_order(container: object) -> dict[str, str]:
    customer = await container.create_customer()(  # type: ignore[attr-defined]
        CreateCustomerCommand(first_name="Amina", last_name="Otieno", phone="0712 345678")
    )
    item = await container.create_item()(  # type: ignore[attr-defined]
        CreateItemCommand(name="Kikoi wrap", unit_price="1500.00")
    )
    view = await container.create_order()(  # type: ignore[attr-defined]
        CreateOrderCommand(customer_id=customer.id, item_id=item.id, quantity=2)
    )
    return {
        "order_number": str(view.order.number),
        "customer_phone": customer.phone.e164,
        "total": str(view.order.total),
        "sms": view.notification.body if view.notification else "",
        "sms_state": view.notification.state if view.notification else "",
    }
