"""Test modules share helpers through tests/helpers and fixtures through conftest, never imports."""

import ast
from pathlib import Path

from tests.helpers.imports import imported_modules, write_tree

ROOT = Path(__file__).resolve().parent.parent


def named_modules(node, path, root):
    """Every module an import statement may load, including ``from package import module``."""
    modules = imported_modules(node, path, root)
    if isinstance(node, ast.ImportFrom):
        modules += [f"{modules[0]}.{alias.name}" for alias in node.names]
    return modules


def is_test_module(module):
    parts = module.split(".")
    return parts[0] == "tests" and any(
        part == "conftest" or part.startswith("test_") for part in parts[1:]
    )


def imports_of_test_modules(root):
    """Each import under ``root``/tests of a conftest or a test_* module, as 'file:line module'."""
    found = []
    for path in sorted((root / "tests").rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                modules = [m for m in named_modules(node, path, root) if is_test_module(m)]
                if modules:
                    where = path.relative_to(root).as_posix()
                    found.append(f"{where}:{node.lineno} imports {modules[0]}")
    return found


def test_no_module_under_tests_imports_a_conftest_or_a_test_module():
    """Shared helpers live in tests/helpers and shared fixtures in a conftest pytest finds."""
    found = imports_of_test_modules(ROOT)
    assert not found, "Move these to tests/helpers or a conftest:\n" + "\n".join(found)


def test_the_check_finds_every_planted_import_of_a_conftest_or_test_module(tmp_path):
    """Absolute, relative and ``from package import`` forms are found, in functions too."""
    # Alongside the forbidden imports: a helper, a conftest importing it and a plain module.
    planted = {
        "tests/__init__.py": "",
        "tests/conftest.py": "from tests.helpers.pages import make\n",
        "tests/helpers/pages.py": "from django.test import Client\n",
        "tests/search/conftest.py": "from tests.members.conftest import signed_in\n",
        "tests/search/test_a.py": "def f():\n    from .conftest import found\n",
        "tests/search/test_b.py": "from . import test_a\nfrom . import corpus\n",
        "tests/search/test_c.py": "import tests.search.test_b as b\n",
        "tests/search/corpus.py": "",
    }
    assert imports_of_test_modules(write_tree(tmp_path, planted)) == [
        "tests/search/conftest.py:1 imports tests.members.conftest",
        "tests/search/test_a.py:2 imports tests.search.conftest",
        "tests/search/test_b.py:1 imports tests.search.test_a",
        "tests/search/test_c.py:1 imports tests.search.test_b",
    ]
