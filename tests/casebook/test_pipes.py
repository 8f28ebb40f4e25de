"""Commands piped into a reader that stops early (`| head`) end quietly, with no traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INBOX = ROOT / "tests" / "curation" / "fixtures" / "inbox.jsonl"


@pytest.mark.parametrize(
    "command",
    [
        ["-m", "curation", "tag", *[str(INBOX)] * 200],
        ["-m", "scrapers", "extract", *[str(ROOT / "tests" / "scrapers" / "fixtures")] * 20],
    ],
)
def test_a_closed_pipe_is_not_a_traceback(command):
    reader = subprocess.Popen(
        [sys.executable, *command],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout.read(100)  # the first bytes arrive, then the reader goes away
    reader.stdout.close()
    stderr = reader.stderr.read().decode()
    assert reader.wait(timeout=120) == 0
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr
