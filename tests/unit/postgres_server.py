"""A throwaway PostgreSQL server for the tests: initdb in a temporary folder, started on a free
port, stopped and deleted afterwards. Needs Debian's postgresql package (scripts/test.sh installs it)."""
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest


def _binaries() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        raise RuntimeError("PostgreSQL server not installed: run scripts/test.sh (apt-get install postgresql)")
    return os.path.dirname(found[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; CI and developers may be root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_url():
    binaries = _binaries()
    folder = tempfile.mkdtemp(prefix="kla-pg-")
    os.chmod(folder, 0o777)
    data = os.path.join(folder, "data")
    port = _free_port()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    subprocess.run(_as_server_user([f"{binaries}/initdb", "-D", data, "-U", "kla", "--auth=trust", "-E", "UTF8"]),
                   check=True, capture_output=True)
    subprocess.run(_as_server_user([f"{binaries}/pg_ctl", "-D", data, "-l", os.path.join(folder, "log"), "-w",
                                    "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                                    "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                                    "start"]),
                   check=True, capture_output=True)
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            done = subprocess.run([f"{binaries}/pg_isready", "-h", "127.0.0.1", "-p", str(port)], capture_output=True)
            if done.returncode == 0:
                break
            time.sleep(0.2)
        yield f"postgresql+psycopg://kla@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([f"{binaries}/pg_ctl", "-D", data, "-m", "fast", "stop"]), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
