"""The tmux terminal the end-to-end tests type into."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[str]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    name = f"ct-{uuid.uuid4().hex[:8]}"
    socket = str(tmp_path / "tmux.sock")
    yield f"{socket}|{name}"
    subprocess.run(["tmux", "-S", socket, "kill-server"], capture_output=True)
