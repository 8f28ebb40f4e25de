"""`invoke serve`: a busy port and bad content get one clear line; a saved edit shows up."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from plugins.tracker import preview
from tasks import pagefind_command
from tests.site.sitelib import FIXTURE_CONTENT, INVALID_CONTENT, ROOT

CASE = "cases/delta-reply-pledge-fixture.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_busy_port_is_one_clear_line(capsys, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert preview.open_server(port, tmp_path) is None
    err = capsys.readouterr().err
    assert f"port {port} is already in use" in err and f"--port {port + 1}" in err
    assert "Traceback" not in err and "OSError" not in err


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    return None


@pytest.fixture
def serving(tmp_path):
    """The preview of a copy of the fixture site, on a free port, with a log."""
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(FIXTURE_CONTENT, content)
    port = free_port()
    build = [sys.executable, "-m", "pelican", str(content), "-o", str(output)]
    build += ["-s", "pelicanconf.py", "--cache-path", str(tmp_path / "cache"), "--fatal", "errors"]
    index = pagefind_command(output)
    code = (
        "import sys; from pathlib import Path; from plugins.tracker.preview import serve; "
        f"sys.exit(serve({port}, [Path({str(content)!r})], {build!r}, {index!r}, "
        f"Path({str(output)!r})))"
    )
    log = (tmp_path / "log").open("w")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    yield content, f"http://127.0.0.1:{port}", tmp_path / "log"
    process.terminate()
    process.wait(timeout=20)
    log.close()


def test_an_edit_is_rebuilt_and_bad_content_is_explained(serving):
    content, base, log = serving
    page = f"{base}/cases/delta-reply-pledge-fixture/"
    assert wait_for(lambda: fetch(page)), log.read_text()
    assert "Serving http://localhost:" in log.read_text()

    path = content / CASE
    path.write_text(
        path.read_text(encoding="utf-8") + "\nA sentence saved while the preview runs.\n",
        encoding="utf-8",
    )
    shown = wait_for(lambda: "saved while the preview runs" in (fetch(page) or ""))
    assert shown, log.read_text()

    shutil.copy(INVALID_CONTENT / "cases" / "broken-case-fixture.md", content / "cases")
    said = wait_for(lambda: "The site was not rebuilt" in log.read_text())
    text = log.read_text()
    assert said, text
    assert "broken-case-fixture.md:7: brands[0]: unknown brand 'no-such-brand'" in text
    assert "Traceback" not in text
    assert fetch(page) is not None  # the last good build is still served
