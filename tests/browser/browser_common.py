"""What the browser test modules share besides fixtures (those are in conftest.py): paths, Chromium, its marks.

Imported by basename (``from browser_common import ...``): pytest puts tests/browser/ on sys.path (rootdir
mode, no __init__.py), so this name must stay unique under tests/ (tests/test_test_layout.py checks).
Importing it puts the repository root on sys.path, so a test module can import ``ui`` and ``tutorial_model``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Every browser test module: pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM].
# In CI (.ci/run installs Chromium) a missing browser must fail, not skip.
NEEDS_CHROMIUM = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                    reason=f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk")
