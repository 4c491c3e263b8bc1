"""A token verifier over a fixed table of tokens, for tests and local runs."""

from collections.abc import Mapping

from domain.errors import InvalidTokenError
from domain.identity import Principal


class StaticTokenVerifier:
    """Trusts exactly the tokens it was given; every other token is invalid."""

    def __init__(self, tokens: Mapping[str, Principal] | None = None) -> None:
        self._tokens = dict(tokens or {})

    async def verify(self, token: str) -> Principal:
        principal = self._tokens.get(token)
        if principal is None:
            raise InvalidTokenError("the access token is not valid")
        return principal
