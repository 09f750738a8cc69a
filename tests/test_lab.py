"""`make lab` serves the collection: JupyterLab starts, answers on localhost, lists notebooks."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ROOT

TOKEN = "cis-notebooks-test"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.read()


def test_jupyterlab_serves_the_notebooks(tmp_path):
    port = _free_port()
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
        f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={ROOT}",
        f"--ServerApp.runtime_dir={tmp_path}", "--allow-root",
    ]  # fmt: skip
    log = tmp_path / "server.log"
    with log.open("w") as sink:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=sink)
    try:
        listing = _wait_for(f"http://127.0.0.1:{port}/api/contents/notebooks", server, log)
        names = {item["name"] for item in json.loads(listing)["content"]}
        assert "00-index.ipynb" in names
        assert b"JupyterLab" in _get(f"http://127.0.0.1:{port}/lab")
    finally:
        server.terminate()
        server.wait(timeout=20)


def _wait_for(url: str, server: subprocess.Popen, log: Path, seconds: float = 60) -> bytes:
    """The body at `url` once the server answers; fail early, with its log, if it stops."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return _get(url)
        except OSError:
            assert server.poll() is None, f"JupyterLab exited:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"JupyterLab did not answer:\n{log.read_text()}"
            time.sleep(0.3)


def test_make_lab_opens_the_index_at_the_root_on_a_chosen_port():
    command = subprocess.run(
        ["make", "--no-print-directory", "-n", "lab", "PORT=8890", "ARGS=--no-browser"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert f"--ServerApp.root_dir={ROOT}" in command
    assert "--port=8890" in command and "--no-browser" in command
    assert (
        command.replace("\\\n", " ")
        .split("jupyter lab")[1]
        .rstrip()
        .endswith("notebooks/00-index.ipynb")
    )
