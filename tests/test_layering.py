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
