"""The test tree imports by basename, so no two of its modules may share a file name.

tests/ has no __init__.py: pytest imports each test module under its bare name, with its folder put on
sys.path, and the helpers (everyday_checks, browser_common) are imported the same way. Two files named
alike anywhere under tests/ (once tests/test_live_training.py and tests/browser/test_live_training.py)
make collection of the whole suite fail, or one helper shadow another. conftest.py files are exempt:
pytest loads each of those itself.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def modules_by_name(root: Path) -> dict[str, list[str]]:
    found = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        if path.name not in ("conftest.py", "__init__.py"):
            found[path.name].append(path.relative_to(root).as_posix())
    return found


def test_no_two_modules_share_a_basename():
    clashes = {name: paths for name, paths in modules_by_name(TESTS).items() if len(paths) > 1}
    assert not clashes, f"modules under tests/ share a file name (rename one): {clashes}"


def test_the_check_sees_a_clash(tmp_path):
    for folder in ("", "browser"):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / "test_live_training.py").write_text("")
        (tmp_path / folder / "conftest.py").write_text("")
    assert modules_by_name(tmp_path)["test_live_training.py"] == ["browser/test_live_training.py",
                                                                  "test_live_training.py"]
    assert "conftest.py" not in modules_by_name(tmp_path)
    assert len(modules_by_name(TESTS)["test_test_layout.py"]) == 1  # the real tree is searched
