"""What the repositories see of a database: one open transaction at a time."""

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

from sqlalchemy import Executable

from adapters.sql.compiled import Prepared
from adapters.sql.errors import ConflictFactory

Parameters = Mapping[str, Any] | Sequence[Mapping[str, Any]] | None


class Rows(Protocol):
    """What a statement gives back: SQLAlchemy's result, or the same shape from SQLite."""

    def first(self) -> Any: ...

    def scalar_one(self) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...


class Transaction(Protocol):
    """One open database transaction; statements run in order, errors come out translated."""

    @property
    def dialect(self) -> str: ...

    async def execute(
        self,
        statement: Executable | Prepared,
        parameters: Parameters = None,
        *,
        on_conflict: ConflictFactory | None = None,
    ) -> Rows: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


class SqlDatabase(Protocol):
    @property
    def dialect(self) -> str: ...

    def transaction(self, *, read_only: bool = False) -> AbstractAsyncContextManager[Transaction]:
        """A transaction, rolled back at exit unless committed.

        A read-only one refuses write statements and may run beside writers.
        """

    async def dispose(self) -> None: ...
