"""The deployment of several processes (deploy/): Debian's nginx with deploy/nginx/pantau-kla.conf
in front of two Streamlit processes sharing one PostgreSQL database and one cookie secret. A
signed-in person whose requests land on both processes stays signed in, and an answer saved
through one process shows through the other on that page's next rerun."""
import itertools
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from app_server import ROOT, Server, free_port
from bootstrap import ensure_database
from browser_helpers import open_question, polled, script_run, session_cookie, sign_in, wait_for_app

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE = ROOT / "deploy" / "nginx" / "pantau-kla.conf"
NODE_HEADER = "x-pantau-node"


@pytest.fixture
def deployment_database(postgres_url):
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    name = f"deploy_{os.getpid()}"
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = f"{postgres_url.rsplit('/', 1)[0]}/{name}"
    ensure_database(url).dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


class Nginx:
    """Debian's nginx, run in the foreground from a folder of its own, with the shipped site
    file pointed at the given app ports."""

    def __init__(self, app_ports: list[int]):
        self.folder = Path(tempfile.mkdtemp(prefix="kla-nginx-"))
        self.port = free_port()
        site = SITE.read_text()
        upstream = "".join(f"    server 127.0.0.1:{port};\n" for port in app_ports)
        site = re.sub(r"(    server 127\.0\.0\.1:\d+;\n)+", upstream, site)
        site = site.replace("listen 80;", f"listen 127.0.0.1:{self.port};")
        (self.folder / "site.conf").write_text(site)
        temp = "\n".join(f"  {kind}_temp_path {self.folder}/{kind};" for kind in
                         ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (self.folder / "nginx.conf").write_text(
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"worker_processes 1;\npid {self.folder}/nginx.pid;\nerror_log {self.folder}/error.log;\n"
            f"events {{}}\nhttp {{\n  access_log {self.folder}/access.log;\n{temp}\n"
            f"  include {self.folder}/site.conf;\n}}\n")
        checked = subprocess.run([NGINX, "-t", "-p", str(self.folder), "-c", str(self.folder / "nginx.conf")],
                                 capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        self.process = subprocess.Popen([NGINX, "-p", str(self.folder), "-c", str(self.folder / "nginx.conf"),
                                         "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError((self.folder / "error.log").read_text())

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def deployment(deployment_database, tmp_path):
    shared = {"STREAMLIT_SERVER_COOKIE_SECRET": "one-secret-for-every-process-of-this-deployment"}
    apps = [Server(deployment_database, tmp_path / f"app{n}.log", shared) for n in (1, 2)]
    proxy = Nginx([app.port for app in apps])
    yield proxy, apps
    proxy.stop()
    for app in apps:
        app.stop()


def node_of(response) -> str:
    return response.headers[NODE_HEADER]


def pinned_cookies(page, url: str, nodes: int = 2) -> dict[str, str]:
    """A kla_node cookie value that routes to each process (nginx hashes it)."""
    found: dict[str, str] = {}
    for n in itertools.count():
        value = f"uji{n}"
        page.context.add_cookies([{"name": "kla_node", "value": value, "url": url}])
        found.setdefault(node_of(page.request.get(f"{url}/_stcore/health")), value)
        if len(found) == nodes:
            return found
        assert n < 200, found


@pytest.mark.own_engines
def test_a_session_survives_requests_spread_over_both_processes(deployment, page):
    proxy, apps = deployment
    first = page.goto(f"{proxy.url}/isian")
    wait_for_app(page)
    sign_in(page, "opd.dp3a")
    expect(page.get_by_role("heading", name="Isian Saya")).to_be_visible()
    assert polled(lambda: session_cookie(page) is not None, page), "the browser never got its cookie"
    seen = {node_of(first)}
    for _ in range(60):
        page.context.clear_cookies(name="kla_node")  # a browser that lost its place: nginx deals again
        response = page.reload()
        wait_for_app(page)
        seen.add(node_of(response))
        expect(page.get_by_role("heading", name="Isian Saya")).to_be_visible()
        expect(page.get_by_role("textbox", name="Kata sandi", exact=True)).to_have_count(0)
        if len(seen) == 2:
            break
    assert seen == {f"127.0.0.1:{app.port}" for app in apps}


@pytest.mark.own_engines
def test_an_answer_saved_through_one_process_shows_through_the_other(deployment, browser):
    proxy, _ = deployment
    pages = []
    for _ in range(2):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pages.append(context.new_page())
    writer, reader = pages
    cookies = pinned_cookies(writer, proxy.url)
    for page, value in zip(pages, cookies.values()):
        page.context.add_cookies([{"name": "kla_node", "value": value, "url": proxy.url}])
    nodes = set()
    for page in pages:
        nodes.add(node_of(page.goto(f"{proxy.url}/isian")))
        wait_for_app(page)
        sign_in(page, "opd.dp3a")
        expect(page.get_by_role("heading", name="Isian Saya")).to_be_visible()
    assert len(nodes) == 2
    seen_before = open_question(reader, "1.1")
    expect(seen_before.locator("summary")).not_to_contain_text("Draf — Ya")

    question = open_question(writer, "1.1")
    with script_run(writer):
        question.get_by_role("radiogroup").get_by_text("Ya", exact=True).click()
    with script_run(writer):
        question.get_by_role("button", name="Simpan draf").click()
    expect(question.get_by_text("Pertanyaan 1.1 disimpan sebagai draf.")).to_be_visible()

    open_question(reader, "1.2")  # the reader's page reruns twice, in its own process
    seen_after = open_question(reader, "1.1")
    expect(seen_after.locator("summary")).to_contain_text("Draf — Ya")
    for page in pages:
        page.context.close()
