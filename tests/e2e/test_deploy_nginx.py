"""The deployment of several processes (deploy/): Debian's nginx with deploy/nginx/pantau-kla.conf
in front of two Streamlit processes sharing one PostgreSQL database and one cookie secret. A
signed-in person whose requests land on both processes stays signed in, and an answer saved
through one process shows through the other on that page's next rerun."""
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from functools import partial
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

    def __init__(self, app_ports: list[int], proxy_address: str | None = None):
        self.folder = Path(tempfile.mkdtemp(prefix="kla-nginx-"))
        self.port = free_port()
        site = SITE.read_text()
        if proxy_address:  # nginx talks to the processes from this address (the browser is 127.0.0.1)
            site = site.replace("proxy_pass http://pantau_kla;", f"proxy_pass http://pantau_kla;\n"
                                                                 f"        proxy_bind {proxy_address};")
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


PROXY_ADDRESS = "127.0.0.2"
SECURITY_HEADERS = ("content-security-policy", "x-frame-options", "referrer-policy", "x-content-type-options")


def _note_violation(violations: list[str], message) -> None:
    if "Content Security Policy" in message.text:
        violations.append(message.text)


def failed_sign_in_address(url: str) -> str | None:
    engine = create_engine(url)
    with engine.connect() as connection:
        details = connection.execute(text(
            "SELECT details FROM audit_log WHERE action = 'sign_in_failed' ORDER BY id DESC LIMIT 1")).scalar_one()
    engine.dispose()
    return (details if isinstance(details, dict) else json.loads(details)).get("client")


@pytest.mark.own_engines
def test_behind_nginx_sign_in_counts_the_browsers_address_and_the_page_keeps_its_security_headers(
        deployment_database, browser, tmp_path):
    """With the documented setting (KLA_TRUSTED_PROXIES naming the proxy) a failed sign-in is
    counted against the browser's address, whatever X-Forwarded-For the browser sends itself;
    without it, against the proxy's. The page works in Chromium under the shipped
    Content-Security-Policy (WebSocket, Streamlit's styles, a chart), with no violation reported."""
    trusted = Server(deployment_database, tmp_path / "trusted.log", {"KLA_TRUSTED_PROXIES": PROXY_ADDRESS})
    untrusted = Server(deployment_database, tmp_path / "untrusted.log")
    proxies = [Nginx([trusted.port], PROXY_ADDRESS), Nginx([untrusted.port], PROXY_ADDRESS)]
    try:
        seen = []
        for proxy in proxies:
            context = browser.new_context(viewport={"width": 1280, "height": 900},
                                          extra_http_headers={"X-Forwarded-For": "198.51.100.66"})
            page = context.new_page()
            violations: list[str] = []
            page.on("console", partial(_note_violation, violations))
            response = page.goto(f"{proxy.url}/")
            headers = response.headers
            assert all(headers.get(name) for name in SECURITY_HEADERS), headers
            assert "frame-ancestors 'none'" in headers["content-security-policy"]
            assert "strict-transport-security" not in headers  # plain HTTP here
            wait_for_app(page)
            expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
            page.goto(f"{proxy.url}/isian")
            sign_in(page, "ketua", "tebakan-salah")
            expect(page.get_by_text("salah")).to_be_visible()
            seen.append(failed_sign_in_address(deployment_database))
            sign_in(page, "opd.dp3a")
            expect(page.get_by_role("heading", name="Isian Saya")).to_be_visible()
            assert violations == []
            context.close()
        assert seen == ["127.0.0.1", PROXY_ADDRESS]
    finally:
        for proxy in proxies:
            proxy.stop()
        trusted.stop()
        untrusted.stop()
