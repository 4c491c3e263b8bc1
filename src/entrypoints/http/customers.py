"""Customers: create, read, list (by phone or name prefix), change and delete."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter

from application.customers.create_customer import CreateCustomer, CreateCustomerCommand
from application.customers.delete_customer import DeleteCustomer
from application.customers.get_customer import GetCustomer
from application.customers.list_customers import ListCustomers, ListCustomersQuery
from application.customers.update_customer import UpdateCustomer, UpdateCustomerCommand
from application.idempotency import IdempotencyKey
from domain.customers import NAME_MAX_LENGTH, Customer
from entrypoints.http.auth import require_scope
from entrypoints.http.dependencies import described_by, use_cases
from entrypoints.http.errors import api_problems
from entrypoints.http.paging import PRINTABLE, Cursor, Limit

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=NAME_MAX_LENGTH, pattern=PRINTABLE)]
Phone = Annotated[
    str, msgspec.Meta(min_length=1, max_length=32, pattern=PRINTABLE, examples=["+254712345678"])
]
Email = Annotated[
    str, msgspec.Meta(max_length=254, pattern=PRINTABLE, examples=["amina@example.com"])
]
Reference = Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=PRINTABLE)]


class CustomerIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    first_name: Name
    last_name: Name
    phone: Phone
    email: Email | None = None
    external_reference: Reference | None = None


class CustomerPatch(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    first_name: Name | None = None
    last_name: Name | None = None
    phone: Phone | None = None
    email: Email | None = None
    external_reference: Reference | None = None


class CustomerOut(msgspec.Struct, kw_only=True):
    id: UUID
    first_name: str
    last_name: str
    phone: str
    email: str | None
    external_reference: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, customer: Customer) -> "CustomerOut":
        return cls(
            id=customer.id,
            first_name=customer.first_name,
            last_name=customer.last_name,
            phone=customer.phone.e164,
            email=customer.email,
            external_reference=customer.external_reference,
            created_at=customer.created_at,
            updated_at=customer.updated_at,
        )


class CustomerPage(msgspec.Struct, kw_only=True):
    results: list[CustomerOut]
    next_cursor: str | None


class CustomerController(Controller):
    path = "/api/v1/customers"
    tags = ["customers"]  # noqa: RUF012 - Litestar reads these class attributes
    opt = {"resource": "customers"}  # noqa: RUF012
    guards = [require_scope]  # noqa: RUF012
    dependencies = use_cases(
        "create_customer", "get_customer", "list_customers", "update_customer", "delete_customer"
    )

    @post(
        description=described_by(CreateCustomer),
        responses=api_problems(400, 409, 413, 415, 422),
    )
    async def create_customer(
        self,
        data: JSONBody[CustomerIn],
        create_customer: NamedDependency[CreateCustomer],
        idempotency: NamedDependency[IdempotencyKey | None],
    ) -> CustomerOut:
        command = CreateCustomerCommand(**msgspec.structs.asdict(data), idempotency=idempotency)
        return CustomerOut.of(await create_customer(command))

    @get(
        "/{customer_id:uuid}",
        description=described_by(GetCustomer),
        responses=api_problems(404),
    )
    async def get_customer(
        self, customer_id: FromPath[UUID], get_customer: NamedDependency[GetCustomer]
    ) -> CustomerOut:
        return CustomerOut.of(await get_customer(customer_id))

    @get(description=described_by(ListCustomers), responses=api_problems(422))
    async def list_customers(
        self,
        list_customers: NamedDependency[ListCustomers],
        limit: Limit = 50,
        cursor: Cursor = None,
        phone: Annotated[str | None, QueryParameter(description="Exact phone number.")] = None,
        name_prefix: Annotated[
            str | None,
            QueryParameter(
                description="Start of a first or last name, any case.",
                max_length=NAME_MAX_LENGTH,
                pattern=PRINTABLE,
            ),
        ] = None,
    ) -> CustomerPage:
        query = ListCustomersQuery(limit=limit, cursor=cursor, phone=phone, name_prefix=name_prefix)
        page = await list_customers(query)
        return CustomerPage(
            results=[CustomerOut.of(c) for c in page.results], next_cursor=page.next_cursor
        )

    @patch(
        "/{customer_id:uuid}",
        description=described_by(UpdateCustomer),
        responses=api_problems(400, 404, 409, 413, 415, 422),
    )
    async def update_customer(
        self,
        customer_id: FromPath[UUID],
        data: JSONBody[CustomerPatch],
        update_customer: NamedDependency[UpdateCustomer],
    ) -> CustomerOut:
        command = UpdateCustomerCommand(customer_id=customer_id, **msgspec.structs.asdict(data))
        return CustomerOut.of(await update_customer(command))

    @delete(
        "/{customer_id:uuid}",
        description=described_by(DeleteCustomer),
        responses=api_problems(404, 409),
    )
    async def delete_customer(
        self, customer_id: FromPath[UUID], delete_customer: NamedDependency[DeleteCustomer]
    ) -> None:
        await delete_customer(customer_id)
