import re
from pathlib import Path

import pytest

README = Path(__file__).parents[2] / "README.md"


def test_library_example_in_the_readme_places_an_order(capsys: pytest.CaptureFixture[str]) -> None:
    example = re.search(r"```python\n(.*?)```", README.read_text(), re.DOTALL)
    assert example is not None

    exec(compile(example.group(1), str(README), "exec"), {"__name__": "readme"})  # noqa: S102

    assert capsys.readouterr().out.strip() == "1 KES 3,000.00 pending"
