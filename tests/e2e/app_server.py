"""A Pantau KLA server for the browser tests and the benchmarks: `streamlit run app.py` on a free
port, started, waited for and stopped."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`streamlit run app.py` on a free port of 127.0.0.1, once /_stcore/health answers; its output
    goes to `log`. extra_env and extra_args are added to the environment and the command."""

    def __init__(self, database_url: str, log: Path, extra_env: dict[str, str] | None = None,
                 extra_args: tuple[str, ...] = ()):
        self.database_url = database_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        # KLA_ARGON2_FAST from tests/conftest.py in the tests; the benchmarks leave it unset
        env = {**os.environ, "KLA_DATABASE_URL": database_url, **(extra_env or {})}
        command = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.headless", "true",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
            *extra_args,
        ]
        self._log_file = open(log, "wb")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._log_file, stderr=subprocess.STDOUT
        )
        self._wait_until_healthy()

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"streamlit exited early:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        return
            except OSError:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"streamlit did not become healthy:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()
