"""Statements compiled once per shape and run on SQLite's driver without the per-call machinery.

SQLAlchemy still builds every statement, renders its SQL and converts every value through
the column types (money to cents, instants to ISO text, UUIDs to hex). What this skips on
SQLite is the execution context, events and result objects SQLAlchemy sets up around each
call: about three quarters of the CPU an order transaction spent (docs/persistence.md).
PostgreSQL runs the same statements through SQLAlchemy's async engine as they are.
"""

from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Dialect, Executable, TypeDecorator
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.types import TypeEngine

Converter = Callable[[Any], Any] | None
# Field names come from the statement's columns, known only at run time.
_namedtuple: Any = namedtuple


class Prepared:
    """A statement built once at import; compiled lazily, once per dialect and parameter names."""

    __slots__ = ("_plans", "statement")

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._plans: dict[tuple[str, tuple[str, ...]], Plan | None] = {}

    def plan(self, dialect: Dialect, keys: tuple[str, ...]) -> "Plan | None":
        """The compiled form for these parameter names; ``None`` if it needs SQLAlchemy."""
        shape = (dialect.name, keys)
        try:
            return self._plans[shape]
        except KeyError:
            plan = self._plans[shape] = Plan.compile(self.statement, dialect, keys)
            return plan


@dataclass(frozen=True, slots=True)
class Plan:
    sql: str
    names: tuple[str, ...]
    constants: tuple[Any, ...]
    """The value of each parameter bound when the statement was built (None if a call binds it)."""
    converters: tuple[Converter, ...]
    row: Callable[..., Any] | None
    readers: tuple[Converter, ...]

    @classmethod
    def compile(
        cls, statement: Executable, dialect: Dialect, keys: tuple[str, ...]
    ) -> "Plan | None":
        if not isinstance(statement, ClauseElement):
            return None
        compiled = cast(SQLCompiler, statement.compile(dialect=dialect, column_keys=list(keys)))
        positions = compiled.positiontup
        # Expanding IN lists are rendered per call; leave them to SQLAlchemy.
        if positions is None or compiled.post_compile_params:
            return None
        binds = [compiled.binds[name] for name in positions]
        columns = list(getattr(statement, "exported_columns", ()))
        return cls(
            sql=compiled.string,
            names=tuple(positions),
            constants=tuple(None if bind.key in keys else bind.effective_value for bind in binds),
            converters=tuple(
                bind.type.dialect_impl(dialect).bind_processor(dialect) for bind in binds
            ),
            row=_row_maker([column.key for column in columns]),
            readers=tuple(_reader(column.type, dialect) for column in columns),
        )

    def values(self, parameters: Mapping[str, Any]) -> list[Any]:
        bound = []
        for name, constant, convert in zip(
            self.names, self.constants, self.converters, strict=True
        ):
            value = parameters.get(name, constant)
            bound.append(value if convert is None or value is None else convert(value))
        return bound

    def rows(self, fetched: list[Any]) -> "RawRows":
        if self.row is None:
            return RawRows([])
        make, readers = self.row, self.readers
        return RawRows(
            [
                make(
                    value if read is None or value is None else read(value)
                    for value, read in zip(record, readers, strict=True)
                )
                for record in fetched
            ]
        )


def _reader(column_type: TypeEngine[Any], dialect: Dialect) -> Converter:
    """The column type's conversion of a fetched value."""
    try:
        return column_type.dialect_impl(dialect).result_processor(dialect, None)
    except (TypeError, InvalidRequestError):
        # asyncpg's NUMERIC wants the wire type code, which only a cursor knows; asyncpg
        # hands back Decimal already, so the decorator's own conversion is all there is.
        if isinstance(column_type, TypeDecorator):
            decorator = column_type
            return lambda value: decorator.process_result_value(value, dialect)
        raise


def _row_maker(keys: list[str]) -> Callable[..., Any] | None:
    """Rows read by attribute (``row.first_name``), as SQLAlchemy's rows are."""
    if not keys:
        return None
    row_type = _namedtuple("Row", keys, rename=True)
    maker: Callable[..., Any] = row_type._make
    return maker


class RawRows:
    """The part of SQLAlchemy's result API the repositories use, over fetched rows."""

    __slots__ = ("_rows",)

    def __init__(self, rows: list[Any]) -> None:
        self._rows = rows

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def scalar_one(self) -> Any:
        [row] = self._rows
        return row[0]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)
