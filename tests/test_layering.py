"""The layers stay apart: the model package and the exercise engine import no Streamlit, no plotting, no ui."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("streamlit", "plotly", "matplotlib", "ui")


def _modules(package: str) -> list[str]:
    path = ROOT / package
    return [package] + [f"{package}.{m.name}" for m in pkgutil.walk_packages([str(path)]) if not m.ispkg] + [
        f"{package}.{m.name}" for m in pkgutil.iter_modules([str(path)]) if m.ispkg]


@pytest.mark.parametrize("package", ["tutorial_model", "exercises"])
def test_a_package_imports_no_interface_code(package):
    modules = sorted(set(_modules(package)))
    assert len(modules) > 5
    code = (f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\n"
            f"print(sorted({{n.split('.')[0] for n in sys.modules}} & {set(FORBIDDEN)!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]", f"{package} imports {out.stdout.strip()}"


def hook_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal (f-string parts included) that spells a hook name ("…hook_…")."""
    import ast

    return [(node.lineno, node.value) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "hook_" in node.value]


def test_the_hook_scan_sees_names_and_not_keys():
    seen = hook_literals('a = trace["encoder.hook_memory"]\nb = trace[f"{site}.hook_pattern"]\n'
                         'c = trace["x", "src_embed"]\n')
    assert [line for line, _ in seen] == [1, 2]


def test_pages_ask_the_trace_by_key_not_by_hook_name():
    """Pages read tensors as trace["pattern", 0, "decoder", "cross_attn"] (trace.key_name), never by a hook name
    they spell themselves: a renamed module then breaks one function, not dozens of strings."""
    found = [f"{path.name}:{line}: {text!r}" for path in sorted((ROOT / "lesson_pages").glob("*.py"))
             for line, text in hook_literals(path.read_text(encoding="utf-8"))]
    assert not found, "hook names spelled in pages:\n" + "\n".join(found)
