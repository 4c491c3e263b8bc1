"""A dict that stages writes until commit, handing out copies so callers never alias the store."""

import copy
from collections.abc import Callable, Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_DELETED = object()


class StagedTable(Generic[K, V]):
    def __init__(self) -> None:
        self._committed: dict[K, V] = {}
        self._staged: dict[K, object] = {}

    def get(self, key: K) -> V | None:
        value = self._staged.get(key, self._committed.get(key))
        if value is None or value is _DELETED:
            return None
        return copy.deepcopy(value)  # type: ignore[return-value]

    def put(self, key: K, value: V) -> None:
        self._staged[key] = copy.deepcopy(value)

    def delete(self, key: K) -> None:
        self._staged[key] = _DELETED

    def find(self, predicate: Callable[[V], bool]) -> Iterator[V]:
        """Every current value matching ``predicate``, as copies, in key order."""
        keys = sorted(self._committed.keys() | self._staged.keys())  # type: ignore[type-var]
        for key in keys:
            value = self.get(key)
            if value is not None and predicate(value):
                yield value

    def commit(self) -> None:
        for key, value in self._staged.items():
            if value is _DELETED:
                self._committed.pop(key, None)
            else:
                self._committed[key] = value  # type: ignore[assignment]
        self._staged.clear()

    def rollback(self) -> None:
        self._staged.clear()
