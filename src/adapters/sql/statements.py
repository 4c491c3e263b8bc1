"""Statements built once at import, so each call only binds values (SQLAlchemy caches the SQL)."""

from typing import Any

from sqlalchemy import BindParameter, Table, bindparam, delete, select, update
from sqlalchemy.sql import Delete, Select, Update

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
    statement: Select[tuple[object, ...]], table: Table, window: Window
) -> Select[tuple[object, ...]]:
    """Keyset pagination: ascending id, after the window's cursor, at most its limit."""
    if window.after is not None:
        statement = statement.where(table.c.id > window.after)
    return statement.order_by(table.c.id).limit(window.limit)
