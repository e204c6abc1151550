"""The live link check against a server on 127.0.0.1: nothing here leaves the machine."""

from __future__ import annotations

import socket
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from composer.checks.findings import Severity
from composer.checks.online_links import (
    LinkCache,
    LinkResult,
    _verdicts,
    check_links_online,
    links_in_issue,
)
from composer.model.blocks import (
    ButtonBlock,
    ContactBlock,
    EventBlock,
    ImageBlock,
    LinkItem,
    LinkListBlock,
    TextBlock,
)
from composer.model.issue import Brand, Issue, Section

TEST_TIMEOUT = 0.5
SLOW_REPLY = 2.0


class _Handler(BaseHTTPRequestHandler):
    """200, 404, 500, a redirect, a slow reply and a HEAD refusal; counts the requests it gets."""

    requests: list[tuple[str, str]] = []

    def do_HEAD(self):
        self._answer(body=False)

    def do_GET(self):
        self._answer(body=True)

    def _answer(self, body: bool):
        type(self).requests.append((self.command, self.path))
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(SLOW_REPLY)
            return self._send(200, body)
        if path == "/head-refused" and self.command == "HEAD":
            return self._send(405, body)
        if path in ("/moved", "/old-page"):
            self.send_response(301)
            self.send_header("Location", "/new-home")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        status = {"/missing": 404, "/broken": 500}.get(path, 200)
        return self._send(status, body)

    def _send(self, status: int, body: bool):
        payload = b"<p>hello</p>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if body:
            try:
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # the default backlog of 5 can drop a burst of 8 connections


@pytest.fixture(scope="module")
def site():
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/anything"


def _issue(site: str, closed: str) -> Issue:
    return Issue(
        title="Autumn newsletter",
        brand=Brand(website=f"{site}/"),
        sections=(
            Section(title="News", blocks=(
                TextBlock(id="text1", markdown=f"Read [the report]({site}/ok) and [the old page]({site}/old-page#top)."),
                ButtonBlock(id="button1", label="Find out more", url=f"{site}/missing"),
            )),
            Section(title="Webinars", blocks=(
                EventBlock(id="event1", title="Neglect webinar", start=datetime(2023, 12, 7, 16, 30),
                           register_url=f"{site}/broken"),
                ImageBlock(id="image1", src=f"{site}/head-refused", alt="Speakers", link_url=f"{site}/slow"),
                LinkListBlock(id="links1", items=(LinkItem(label="Refused", url=closed),
                                                  LinkItem(label="Again", url=f"{site}/ok"))),
                ContactBlock(id="contact1", web=f"{site}/moved", email="info@example.org"),
            )),
        ),
    )


def _by_block(findings):
    table: dict[tuple[str | None, str | None], list] = {}
    for finding in findings:
        table.setdefault((finding.block_id, finding.field), []).append(finding)
    return table


def test_coordinator_checks_links_and_sees_each_kind_of_failure(site, closed_port):
    _Handler.requests.clear()
    findings = check_links_online(_issue(site, closed_port), timeout=TEST_TIMEOUT, cache=LinkCache())
    table = _by_block(findings)

    [missing] = table[("button1", "url")]
    assert missing.severity is Severity.ERROR and "404" in missing.message and f"{site}/missing" in missing.message

    [broken] = table[("event1", "register_url")]
    assert broken.severity is Severity.ERROR and "500" in broken.message

    [slow] = table[("image1", "link_url")]
    assert slow.severity is Severity.ERROR and "no answer" in slow.message

    [refused] = table[("links1", "items.0.url")]
    assert refused.severity is Severity.ERROR and "refused" in refused.message

    [moved] = table[("contact1", "web")]
    assert moved.severity is Severity.ADVICE and f"{site}/new-home" in moved.message

    [old_page] = table[("text1", "markdown")]
    assert old_page.severity is Severity.ADVICE and "old-page" in old_page.message

    # Working links are left alone: the report, the HEAD-refusing image, the website.
    assert ("image1", "src") not in table
    assert ("links1", "items.1.url") not in table
    assert (None, "brand.website") not in table
    assert ("GET", "/head-refused") in _Handler.requests
    assert ("HEAD", "/head-refused") in _Handler.requests


def test_each_address_is_asked_once_and_a_second_run_is_instant(site, closed_port):
    cache = LinkCache()
    issue = _issue(site, closed_port)
    _Handler.requests.clear()
    first = check_links_online(issue, timeout=TEST_TIMEOUT, cache=cache)
    assert sum(1 for method, path in _Handler.requests if path == "/ok") == 1  # text link and link list share it

    _Handler.requests.clear()
    started = time.perf_counter()
    second = check_links_online(issue, timeout=TEST_TIMEOUT, cache=cache)
    assert time.perf_counter() - started < 0.05
    assert _Handler.requests == []
    assert [f.message for f in second] == [f.message for f in first]


def test_progress_is_reported_and_cancel_stops_the_check(site, closed_port):
    seen: list[tuple[int, int]] = []
    check_links_online(_issue(site, closed_port), timeout=TEST_TIMEOUT, cache=LinkCache(),
                       progress=lambda done, total: seen.append((done, total)))
    total = len({url.split("#")[0] for url in links_in_issue(_issue(site, closed_port))})
    assert seen[0] == (0, total) and seen[-1] == (total, total)

    cancel = threading.Event()
    slow_issue = Issue(sections=(Section(blocks=tuple(
        ButtonBlock(label=f"Slow {n}", url=f"{site}/slow?n={n}") for n in range(4)
    )),))
    cancel.set()
    started = time.perf_counter()
    findings = check_links_online(slow_issue, timeout=5, cache=LinkCache(), cancel=cancel)
    assert time.perf_counter() - started < 0.5 and findings == []


def test_cancelling_midway_returns_promptly_with_what_was_answered(site):
    cancel = threading.Event()
    urls = [f"{site}/ok"] + [f"{site}/slow?n={n}" for n in range(3)]
    issue = Issue(sections=(Section(blocks=tuple(ButtonBlock(label="Go", url=url) for url in urls)),))

    def cancel_after_first(done, total):
        if done >= 1:
            cancel.set()

    started = time.perf_counter()
    findings = check_links_online(issue, timeout=5, cache=LinkCache(), progress=cancel_after_first, cancel=cancel)
    assert time.perf_counter() - started < SLOW_REPLY
    assert findings == []  # the one answered link works; the slow ones were never judged


def test_every_kind_of_link_in_the_issue_is_collected(site, closed_port):
    issue = _issue(site, closed_port).model_copy(update={"brand": Brand(website=f"{site}/", logo_url=f"{site}/logo.png")})
    places = links_in_issue(issue)
    fields = {place.field for url_places in places.values() for place in url_places}
    assert fields == {"brand.website", "brand.logo_url", "markdown", "url", "register_url", "src",
                      "link_url", "items.0.url", "items.1.url", "web"}
    assert len(places[f"{site}/ok"]) == 2
    assert "info@example.org" not in " ".join(places)


def test_http_address_whose_https_twin_works_gets_advice():
    result = LinkResult("http://example.org/page", status=200, final_url="http://example.org/page", https_works=True)
    [(severity, words)] = list(_verdicts("http://example.org/page", result))
    assert severity is Severity.ADVICE and "https://example.org/page" in words

    upgraded = LinkResult("http://example.org/page", status=200, final_url="https://www.example.org/page/",
                          https_works=True)
    assert [s for s, _ in _verdicts("http://example.org/page", upgraded)] == [Severity.ADVICE]
