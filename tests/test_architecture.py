"""Dependencies between the project's apps run one way, with no import circle."""

import ast
from pathlib import Path

import pytest

from tests.helpers.imports import imported_modules, write_tree

ROOT = Path(__file__).resolve().parent.parent
APPS = ("casestudies", "search", "members", "enquiries", "operations", "network_site", "demo")
# (importing app, imported app): imports that point up the layers.
UPWARD = {
    ("casestudies", "search"),
    ("casestudies", "members"),
    ("casestudies", "enquiries"),
    ("search", "enquiries"),
    ("members", "enquiries"),
    ("casestudies", "demo"),
    ("search", "members"),
    *((app, "demo") for app in APPS if app != "demo"),
}
# Modules that wire the whole project together and may name any app.
WIRING = ("network_site/settings/",)


def app_imports(root, apps=APPS):
    """Every import from one app of ``apps`` into another: (from app, to app, 'file:line')."""
    found = []
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            where = path.relative_to(root).as_posix()
            if where.startswith(WIRING):
                continue
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Import | ast.ImportFrom):
                    continue
                for module in imported_modules(node, path, root):
                    target = module.split(".")[0]
                    if target in apps and target != app:
                        found.append((app, target, f"{where}:{node.lineno} imports {module}"))
    return found


def upward_imports(imports):
    return [where for source, target, where in imports if (source, target) in UPWARD]


def import_circles(imports):
    """Each pair of apps that reach each other, with an import of each direction."""
    edges = {}
    for source, target, where in imports:
        edges.setdefault(source, {}).setdefault(target, where)

    def reachable(start):
        seen, todo = set(), [start]
        while todo:
            for target in edges.get(todo.pop(), {}):
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    reach = {app: reachable(app) for app in edges}
    return [
        f"{source} -> {target} ({where}) and back"
        for source, targets in edges.items()
        for target, where in targets.items()
        if source in reach.get(target, ())
    ]


def test_no_app_imports_upwards():
    """casestudies imports neither search, members nor demo; search not members; none demo."""
    found = upward_imports(app_imports(ROOT))
    assert not found, "Upward imports:\n" + "\n".join(found)


def test_no_import_circle_between_apps():
    """No app imports, directly or through others, an app that imports it."""
    found = import_circles(app_imports(ROOT))
    assert not found, "Import circles:\n" + "\n".join(found)


@pytest.fixture
def planted(tmp_path):
    """A small tree with an upward import inside a function and a circle through a third app."""
    files = {
        "casestudies/__init__.py": "",
        "casestudies/models.py": "def f():\n    from search.service import related\n",
        "search/__init__.py": "from casestudies import models\n",
        "members/__init__.py": "",
        "members/views.py": "from ..operations import mail\n",
        "operations/mail.py": "import network_site.sites\n",
        "network_site/sites.py": "from members import views\n",
        "network_site/settings/base.py": "import demo.apps\n",
        "demo/__init__.py": "",
    }
    return write_tree(tmp_path, files)


def test_checks_find_planted_upward_imports_and_circles(planted):
    """The walker reports a function-level upward import and a three-app circle, file:line."""
    imports = app_imports(planted)
    assert upward_imports(imports) == ["casestudies/models.py:2 imports search.service"]
    circles = import_circles(imports)
    assert "casestudies -> search (casestudies/models.py:2 imports search.service) and back" in (
        circles
    )
    assert any(circle.startswith("members -> operations") for circle in circles)
    assert not any("demo" in circle for circle in circles)


def test_database_fallback_does_not_import_the_elasticsearch_query_builder():
    """search/database.py and fulltext.py import neither search.faceted nor elasticsearch."""
    found = [
        f"{name}:{node.lineno} imports {module}"
        for name in ("search/database.py", "search/fulltext.py")
        for node in ast.walk(ast.parse((ROOT / name).read_text()))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for module in imported_modules(node, ROOT / name, ROOT)
        if module == "search.faceted" or module.split(".")[0] == "elasticsearch"
    ]
    assert not found, "\n".join(found)


def test_case_study_and_demo_modules_stay_short():
    """No Python file of casestudies or demo is over 400 lines: split by concept instead."""
    long_files = [
        f"{path.relative_to(ROOT)}: {count} lines"
        for app in ("casestudies", "demo")
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts and (count := len(path.read_text().splitlines())) > 400
    ]
    assert not long_files, "\n".join(long_files)
