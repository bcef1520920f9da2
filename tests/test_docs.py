"""The tests the documentation cites as evidence exist under the names it gives."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CITED = re.compile(r"(tests/[\w/]+\.py)::(\w+)")


def cited_tests():
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for path, name in CITED.findall(doc.read_text()):
            yield doc.name, path, name


def test_every_test_the_docs_cite_is_defined_where_they_say():
    """Each ``tests/…py::name`` in README.md and docs/ names a function defined in that file."""
    cited = list(cited_tests())
    missing = [
        (doc, path, name)
        for doc, path, name in cited
        if not (ROOT / path).is_file()
        or not re.search(rf"^\s*(async )?def {name}\b", (ROOT / path).read_text(), re.M)
    ]
    assert cited
    assert missing == []
