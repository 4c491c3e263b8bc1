"""Query parameters every list shares."""

from typing import Annotated

from litestar.params import QueryParameter

from domain.pagination import MAX_LIMIT

# The domain refuses NUL (no database text holds it); saying so in the schema lets clients
# and the fuzzer know before they send it.
PRINTABLE = r"^[^\x00]*$"

Limit = Annotated[
    int, QueryParameter(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")
]
Cursor = Annotated[
    str | None,
    QueryParameter(
        max_length=64, description="The previous page's next_cursor; omit for the first."
    ),
]
