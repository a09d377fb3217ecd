"""Shared fixtures for the batch tests: a small archive sample and the CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared" / "archive"


@pytest.fixture(scope="session")
def html_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 24 smallest pages of ../shared/archive/html-sample, copied (skips without ../shared)."""
    src = SHARED / "html-sample"
    if not src.is_dir():
        pytest.skip("../shared/archive is not beside the repository")
    folder = tmp_path_factory.mktemp("html-sample")
    for page in sorted(src.glob("*.html"), key=lambda p: (p.stat().st_size, p.name))[:24]:
        shutil.copy(page, folder / page.name)
    return folder
