"""How the UI is put together: what it may import, and which parts stay free of Streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "assistant" / "ui"
# The UI reads the records and asks questions; it never reaches into search, composing, the eval or the CLI.
ALLOWED = (
    "assistant.ui", "assistant.notice", "assistant.answer.chain", "assistant.answer.result",
    "assistant.errors", "assistant.settings", "assistant.logs",
    "assistant.check",  # the citation checker's API, shared with `ipqa check`
)


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_ui_imports_only_the_answering_api_and_the_notice():
    for path in sorted(UI.glob("*.py")):
        ours = {name for name in imports_of(path) if name.startswith("assistant")}
        stray = {name for name in ours if not name.startswith(ALLOWED)}
        assert not stray, f"{path.name} imports {sorted(stray)}"


def test_no_page_imports_the_search_package():
    users = [p.name for p in UI.glob("*.py") if any(n.startswith("assistant.search") for n in imports_of(p))]
    assert users == []


def test_the_pure_parts_have_no_streamlit_and_app_py_only_starts_the_app():
    for pure in ("text.py", "conversation.py"):
        assert not {n for n in imports_of(UI / pure) if n.split(".")[0] == "streamlit"}, pure
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    assert imports_of(ROOT / "app.py") == {"assistant.ui.navigation"}
    assert len(app.splitlines()) < 15


def test_a_check_page_joins_the_navigation_when_its_module_exists(monkeypatch):
    import importlib.machinery
    import sys
    import types

    from assistant.ui.navigation import routes

    assert "check" not in routes() or (UI / "check_page.py").exists()
    module = types.ModuleType("assistant.ui.check_page")
    module.__spec__ = importlib.machinery.ModuleSpec("assistant.ui.check_page", None)
    module.page = lambda: None
    monkeypatch.setitem(sys.modules, "assistant.ui.check_page", module)
    route = routes()["check"]
    assert (route.url_path, route.draw, route.layout) == ("check", module.page, "centered")
