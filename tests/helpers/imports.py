"""Reading import statements with ast: which modules a file names, relative ones resolved."""

import ast


def module_name(path, root):
    """The dotted parts of ``path`` under ``root``, and whether it is a package's __init__."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts, parts[-1] == "__init__"


def imported_modules(node, path, root):
    """The absolute module names one import statement names (relative ones resolved)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        return [node.module]
    parts, is_package = module_name(path, root)
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (node.level - 1)]
    return [".".join([*base, *([node.module] if node.module else [])])]


def write_tree(root, files):
    """Write ``files`` ({relative path: text}) under ``root``, for planting imports to find."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root
