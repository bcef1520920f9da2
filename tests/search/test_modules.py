"""The search app's modules stay small enough to read whole."""

from pathlib import Path

import search

MAX_LINES = 400


def test_no_search_module_is_over_four_hundred_lines():
    """Every Python module of the search app has at most MAX_LINES lines."""
    root = Path(search.__file__).parent
    modules = [path for path in root.rglob("*.py") if "migrations" not in path.parts]
    assert len(modules) > 10
    long = {
        str(path.relative_to(root)): n
        for path in modules
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}
