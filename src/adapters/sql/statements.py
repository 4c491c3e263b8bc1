"""Statements built once, so each call only binds values (see ``adapters.sql.compiled``)."""

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import BindParameter, Table, bindparam, delete, select, update
from sqlalchemy.sql import Delete, Select, Update

from adapters.sql.compiled import Prepared
from domain.pagination import Window


def get_by_id(table: Table) -> Select[tuple[object, ...]]:
    return select(table).where(table.c.id == bindparam("id"))


def update_by_id(table: Table) -> Update:
    """Set every column but the id; call with the row's values and ``row_id``."""
    columns: dict[str, BindParameter[Any]] = {
        column.name: bindparam(column.name) for column in table.c if column.name != "id"
    }
    return update(table).where(table.c.id == bindparam("row_id")).values(columns)


def delete_by_id(table: Table) -> Delete:
    return delete(table).where(table.c.id == bindparam("id"))


def windowed(
    statement: Select[tuple[object, ...]], table: Table, present: frozenset[str]
) -> Select[tuple[object, ...]]:
    """Keyset pagination: ascending id, after ``:after`` when given, at most ``:limit`` rows."""
    if "after" in present:
        statement = statement.where(table.c.id > bindparam("after"))
    return statement.order_by(table.c.id).limit(bindparam("limit"))


def window_parameters(window: Window) -> dict[str, Any]:
    return {"after": window.after, "limit": window.limit}


class Variants:
    """One prepared statement per combination of optional filters, built on first use.

    ``build`` receives the names of the parameters that have a value; a filter whose
    parameter is ``None`` is left out of the statement rather than compared with NULL.
    """

    def __init__(self, build: Callable[[frozenset[str]], Any]) -> None:
        self._build = build
        self._prepared: dict[frozenset[str], Prepared] = {}

    def bind(self, parameters: Mapping[str, Any]) -> tuple[Prepared, dict[str, Any]]:
        given = {name: value for name, value in parameters.items() if value is not None}
        present = frozenset(given)
        prepared = self._prepared.get(present)
        if prepared is None:
            prepared = self._prepared[present] = Prepared(self._build(present))
        return prepared, given
