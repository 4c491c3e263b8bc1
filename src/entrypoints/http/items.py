"""The catalogue: create, read, list, change and delete items."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from application.idempotency import IdempotencyKey
from application.items.create_item import CreateItem, CreateItemCommand
from application.items.delete_item import DeleteItem
from application.items.get_item import GetItem
from application.items.list_items import ListItems, ListItemsQuery
from application.items.update_item import UpdateItem, UpdateItemCommand
from domain.customers import NAME_MAX_LENGTH
from domain.items import Item, Size
from entrypoints.http.auth import require_scope
from entrypoints.http.dependencies import described_by, use_cases
from entrypoints.http.errors import api_problems
from entrypoints.http.paging import PRINTABLE, Cursor, Limit

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=NAME_MAX_LENGTH, pattern=PRINTABLE)]
Amount = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[0-9]{1,12}(\.[0-9]{1,2})?$",
        description="A decimal amount as a string, at most two decimal places.",
        examples=["1500.00"],
    ),
]
Currency = Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{3}$", examples=["KES"])]


class ItemIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Name
    unit_price: Amount
    currency: Currency | None = None
    size: Size | None = None


class ItemPatch(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Name | None = None
    unit_price: Amount | None = None
    currency: Currency | None = None
    size: Size | None = None


class ItemOut(msgspec.Struct, kw_only=True):
    id: UUID
    name: str
    size: Size | None
    unit_price: str
    currency: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, item: Item) -> "ItemOut":
        return cls(
            id=item.id,
            name=item.name,
            size=item.size,
            unit_price=str(item.unit_price.amount),
            currency=item.unit_price.currency,
            created_at=item.created_at,
            updated_at=item.updated_at,
        )


class ItemPage(msgspec.Struct, kw_only=True):
    results: list[ItemOut]
    next_cursor: str | None


class ItemController(Controller):
    path = "/api/v1/items"
    tags = ["items"]  # noqa: RUF012 - Litestar reads these class attributes
    opt = {"resource": "items"}  # noqa: RUF012
    guards = [require_scope]  # noqa: RUF012
    dependencies = use_cases("create_item", "get_item", "list_items", "update_item", "delete_item")

    @post(description=described_by(CreateItem), responses=api_problems(400, 413, 415, 422))
    async def create_item(
        self,
        data: JSONBody[ItemIn],
        create_item: NamedDependency[CreateItem],
        idempotency: NamedDependency[IdempotencyKey | None],
    ) -> ItemOut:
        command = CreateItemCommand(**msgspec.structs.asdict(data), idempotency=idempotency)
        return ItemOut.of(await create_item(command))

    @get("/{item_id:uuid}", description=described_by(GetItem), responses=api_problems(404))
    async def get_item(
        self, item_id: FromPath[UUID], get_item: NamedDependency[GetItem]
    ) -> ItemOut:
        return ItemOut.of(await get_item(item_id))

    @get(description=described_by(ListItems), responses=api_problems(422))
    async def list_items(
        self, list_items: NamedDependency[ListItems], limit: Limit = 50, cursor: Cursor = None
    ) -> ItemPage:
        page = await list_items(ListItemsQuery(limit=limit, cursor=cursor))
        return ItemPage(results=[ItemOut.of(i) for i in page.results], next_cursor=page.next_cursor)

    @patch(
        "/{item_id:uuid}",
        description=described_by(UpdateItem),
        responses=api_problems(400, 404, 413, 415, 422),
    )
    async def update_item(
        self,
        item_id: FromPath[UUID],
        data: JSONBody[ItemPatch],
        update_item: NamedDependency[UpdateItem],
    ) -> ItemOut:
        command = UpdateItemCommand(item_id=item_id, **msgspec.structs.asdict(data))
        return ItemOut.of(await update_item(command))

    @delete(
        "/{item_id:uuid}",
        description=described_by(DeleteItem),
        responses=api_problems(404, 409),
    )
    async def delete_item(
        self, item_id: FromPath[UUID], delete_item: NamedDependency[DeleteItem]
    ) -> None:
        await delete_item(item_id)
