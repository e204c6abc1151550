"""How long the live link check takes on a full-length issue, against a local server.

Run: .venv/bin/python benchmarks/link_check.py [--latency SECONDS] [--repeat N]

Every web address in resources/samples/autumn-2023.newsletter (or the
synthetic issue of benchmarks/spelling.py) is pointed at a server on
127.0.0.1 that answers after a set delay, standing in for a real site's round
trip. Nothing leaves the machine. Prints the median of a first run (empty
cache) and of a second run (session cache).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from composer.checks.online_links import LinkCache, check_links_online, links_in_issue  # noqa: E402
from composer.model.issue import Issue  # noqa: E402
from composer.resources import SAMPLE_ISSUE  # noqa: E402

_WEB_ADDRESS = re.compile(r"https?://[^/\"\s)]+")


def main() -> None:
    options = _arguments()
    server = _start_server(options.latency)
    base = f"http://127.0.0.1:{server.server_port}"
    issue = _pointed_at(_sample_or_synthetic(), base)
    distinct = len({url.split("#")[0] for url in links_in_issue(issue)})
    print(f"issue: {issue.title!r}, {distinct} distinct addresses, server latency {options.latency * 1e3:g} ms")

    first_runs, second_runs = [], []
    for _ in range(options.repeat):
        cache = LinkCache()
        first_runs.append(_timed(lambda: check_links_online(issue, cache=cache, timeout=5)))
        second_runs.append(_timed(lambda: check_links_online(issue, cache=cache, timeout=5)))
    serial = distinct * options.latency * 2  # HEAD, and the https:// try for http:// addresses
    print(f"first run (8 at a time):  {statistics.median(first_runs) * 1e3:8.1f} ms (median of {options.repeat};"
          f" one at a time would be ≈{serial * 1e3:.0f} ms)")
    print(f"second run (cached):      {statistics.median(second_runs) * 1e3:8.3f} ms")
    server.shutdown()


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.05, help="seconds the server waits before answering")
    parser.add_argument("--repeat", type=int, default=5)
    return parser.parse_args()


def _sample_or_synthetic() -> Issue:
    if SAMPLE_ISSUE.exists():
        from composer.storage.issue_file import load_issue
        return load_issue(SAMPLE_ISSUE)
    from spelling import synthetic_issue
    return synthetic_issue()


def _pointed_at(issue: Issue, base: str) -> Issue:
    """The same issue with every web address's site replaced by *base*, paths kept."""
    return Issue.model_validate_json(_WEB_ADDRESS.sub(base, issue.model_dump_json()))


def _start_server(latency: float) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self):
            time.sleep(latency)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_HEAD

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 64  # the default backlog of 5 drops connections when 8 arrive at once

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
