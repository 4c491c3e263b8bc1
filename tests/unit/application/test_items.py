import pytest

from application.items.update_item import UpdateItemCommand
from domain.errors import ItemNotFoundError, ValidationError
from domain.items import Size
from entrypoints.container import Container
from tests.factories import item_command


async def test_adds_an_item_priced_in_the_default_currency(container: Container) -> None:
    item = await container.create_item()(item_command(unit_price="99.50", size=Size.XL))

    stored = await container.get_item()(item.id)
    assert (str(stored.unit_price.amount), stored.unit_price.currency) == ("99.50", "KES")
    assert stored.size is Size.XL


@pytest.mark.parametrize("price", ["-5.00", "1.999", "free"])
async def test_refuses_a_price_that_is_not_exact_cents(container: Container, price: str) -> None:
    with pytest.raises(ValidationError):
        await container.create_item()(item_command(unit_price=price))


async def test_changes_price_and_keeps_the_name(container: Container) -> None:
    item = await container.create_item()(item_command(name="Sandals"))

    updated = await container.update_item()(UpdateItemCommand(item_id=item.id, unit_price="10.00"))

    assert (updated.name, str(updated.unit_price.amount)) == ("Sandals", "10.00")


async def test_deletes_an_item_nobody_ordered(container: Container) -> None:
    item = await container.create_item()(item_command())

    await container.delete_item()(item.id)

    with pytest.raises(ItemNotFoundError):
        await container.get_item()(item.id)
