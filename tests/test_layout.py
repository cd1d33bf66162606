"""The package's shape: no import circle, the check path free of the offline wing, and no
import hidden inside a function except a command's, for start-up time."""

import ast
from pathlib import Path

import galleyproof

PACKAGE = Path(galleyproof.__file__).parent
OFFLINE = ("corpus", "noise", "training", "evals")
#: What a check runs: none of it may import the offline wing (nanoGPT's model.py never imports train.py).
CHECK_PATH = ("text", "english", "model", "rules", "allow", "suggest", "feedback", "views", "review",
              "proofreader", "issues", "threads", "baseline", "paths", "runlog", "manuscripts", "config")


def modules() -> dict[str, ast.Module]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


MODULES = modules()


def imported(node: ast.AST, importer: str) -> set[str]:
    """The galleyproof modules an import statement loads (a name may be a submodule)."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name.startswith("galleyproof")}
    if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith("galleyproof"):
        return set()
    submodules = {f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in MODULES}
    # `from package import submodule` loads the submodule; only names defined in the module count it.
    return submodules if len(submodules) == len(node.names) else submodules | {node.module}


def top_level_imports(name: str) -> set[str]:
    tree = MODULES[name]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if node in tree.body or any(node in getattr(n, "body", ()) for n in tree.body if isinstance(n, ast.Try)):
            found |= imported(node, name)
    return found - {name}


def function_imports(name: str) -> set[str]:
    found = set()
    for node in ast.walk(MODULES[name]):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for sub in ast.walk(node):
                found |= imported(sub, name)
    return found


def test_no_import_circle():
    graph = {m: {i for i in top_level_imports(m) if i in MODULES} for m in MODULES}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                raise AssertionError("import circle: " + " -> ".join(path[path.index(n):] + [n]))
            if n not in state:
                visit(n)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def test_the_check_path_never_imports_the_offline_wing():
    for m in MODULES:
        short = m.removeprefix("galleyproof.").split(".")[0]
        if short not in CHECK_PATH or m == "galleyproof.model.tagger":
            continue
        wing = {i for i in top_level_imports(m) | function_imports(m)
                if i.removeprefix("galleyproof.").split(".")[0] in OFFLINE}
        assert not wing, f"{m} imports {sorted(wing)}"


def test_only_commands_import_inside_functions_and_say_why():
    for m, tree in MODULES.items():
        inside = function_imports(m)
        if m.startswith("galleyproof.cli.") or m == "galleyproof":  # commands, and the API on first use
            continue
        assert not inside, f"{m} imports {sorted(inside)} inside a function"
    for path in [*(PACKAGE / "cli").glob("*.py"), PACKAGE / "__init__.py"]:
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for stmt in ast.walk(node):
                if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                    above = [line.strip() for line in lines[: stmt.lineno - 1]]
                    while above and (above[-1].startswith(("import ", "from ")) or not above[-1]):
                        above.pop()
                    assert above and above[-1].startswith("#"), (
                        f"{path.name}:{stmt.lineno}: an import inside a function needs a comment saying why")


def test_the_command_loads_no_reader_a_plain_text_check_does_not_need():
    import subprocess
    import sys

    heavy = ("docx", "odf", "markdown_it", "pylatexenc", "importlib.metadata", "wordfreq")
    code = ("import sys; import galleyproof.cli.main, galleyproof.proofreader; "
            f"print([m for m in {heavy!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
