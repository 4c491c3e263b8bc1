"""Who is calling, once their token has been verified."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Principal:
    subject: str
    client_id: str | None
    scopes: frozenset[str]
    issuer: str

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes
