"""The tests run notebooks with the network cut off: prove the guard works, kernels included."""

from __future__ import annotations

import os
import subprocess
import sys

from jupyter_client.manager import start_new_kernel

REACH_OUT = "import urllib.request; urllib.request.urlopen('http://example.org', timeout=5)"


def test_a_child_process_cannot_reach_the_network():
    result = subprocess.run(
        [sys.executable, "-c", REACH_OUT], capture_output=True, text=True, env=os.environ
    )
    assert result.returncode != 0
    assert "network blocked under test" in result.stderr


def test_a_kernel_like_nbvals_cannot_reach_the_network():
    printed: list[str] = []
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        reply = client.execute_interactive(
            "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=5)\n"
            "except OSError as exc:\n    print(exc)",
            timeout=30,
            output_hook=lambda msg: printed.append(msg["content"].get("text", "")),
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert reply["content"]["status"] == "ok"
    assert "network blocked under test" in "".join(printed)
