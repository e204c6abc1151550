"""The live link check: does every web address in the issue still answer?

Broken links are the mistake found only after sending. This asks each distinct
http(s) address once, a few at a time, HEAD first and GET where a server
refuses HEAD, following redirects. It only runs when asked (``check --online``
or the Check links button); nothing else in the checks touches the network.
Answers are kept in a session cache so checking again is instant.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import lru_cache
from http.client import HTTPException
from urllib.parse import urlsplit, urlunsplit

from composer.model.blocks import Block
from composer.model.issue import Issue
from composer.model.naming import place
from composer.model.roles import pictures
from composer.model.values import is_web_address

from .findings import Finding, Severity
from .links import block_links

USER_AGENT = "Mozilla/5.0 (compatible; NewsletterComposer link check)"
HEAD_REFUSED = {400, 403, 405, 501}  # answers some servers give to HEAD but not to GET
RETRY_FAILURES_AFTER = 300.0          # seconds a "no answer" is trusted before asking again

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class LinkPlace:
    """Where an address is used, so a finding can select the block and field."""

    description: str                  # e.g. 'the button “Book now” in section “Webinars”'
    field: str
    block_id: str | None = None
    section_id: str | None = None


@dataclass(frozen=True)
class LinkResult:
    """What one address did when asked."""

    url: str
    status: int | None = None          # the final HTTP status, if the server answered
    final_url: str = ""                # where redirects ended
    problem: str | None = None         # None or not_found, server_error, redirect_loop, refused_by_site,
                                       # no_answer, unreachable
    detail: str = ""                   # what happened, in words
    https_works: bool = False          # for an http:// address: its https:// twin answers
    checked_at: float = 0.0


class LinkCache:
    """Answers kept for the session; a failure to connect is asked again after a while."""

    def __init__(self, retry_failures_after: float = RETRY_FAILURES_AFTER):
        self._results: dict[str, LinkResult] = {}
        self._lock = threading.Lock()
        self.retry_failures_after = retry_failures_after

    def get(self, url: str) -> LinkResult | None:
        with self._lock:
            result = self._results.get(url)
        if result and result.problem in ("no_answer", "unreachable"):
            if time.monotonic() - result.checked_at > self.retry_failures_after:
                return None
        return result

    def put(self, result: LinkResult) -> None:
        with self._lock:
            self._results[result.url] = result

    def clear(self) -> None:
        with self._lock:
            self._results.clear()

    def __len__(self) -> int:
        return len(self._results)


SESSION_CACHE = LinkCache()


def check_links_online(
    issue: Issue,
    *,
    concurrency: int = 8,
    timeout: float = 10,
    cache: LinkCache | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | Callable[[], bool] | None = None,
) -> list[Finding]:
    """Findings for every http(s) address in *issue* that fails, moves or could be https.

    Blocks the calling thread (run it in a worker); *progress(done, total)* is
    called from that thread. When *cancel* is set the check stops at once and
    returns findings for the addresses answered so far.
    """
    places = links_in_issue(issue)
    results = probe_links(list(places), concurrency=concurrency, timeout=timeout,
                          cache=SESSION_CACHE if cache is None else cache,
                          progress=progress, cancel=cancel)
    if _nothing_answered(results.values()):
        # Every address failed to connect: the computer is offline, not every link broken.
        return [Finding("links-online", Severity.WARNING, NO_INTERNET)]
    findings = []
    for url, url_places in places.items():
        result = results.get(_request_url(url))
        if result is not None:
            findings.extend(_findings_for(url, result, url_places))
    return findings


NO_INTERNET = ("The links could not be checked: this computer cannot reach the internet. "
               "Check the connection and press Check links again.")


def _nothing_answered(results) -> bool:
    """True when at least two addresses were tried and not one site answered at all."""
    results = list(results)
    return len(results) >= 2 and all(result.problem in ("no_answer", "unreachable") for result in results)


def links_in_issue(issue: Issue) -> dict[str, list[LinkPlace]]:
    """Each distinct http(s) address in the issue, in reading order, with every place it is used."""
    places: dict[str, list[LinkPlace]] = {}
    for url, where in _all_links(issue):
        url = url.strip()
        if is_web_address(url):
            places.setdefault(url, []).append(where)
    return places


def probe_links(
    urls: list[str],
    *,
    concurrency: int = 8,
    timeout: float = 10,
    cache: LinkCache | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | Callable[[], bool] | None = None,
) -> dict[str, LinkResult]:
    """Ask each address (fragment dropped) at most once, *concurrency* at a time; cached answers are reused."""
    cache = LinkCache() if cache is None else cache
    wanted = list(dict.fromkeys(_request_url(url) for url in urls))
    results = {url: hit for url in wanted if (hit := cache.get(url)) is not None}
    to_ask = [url for url in wanted if url not in results]
    total = len(wanted)
    if progress:
        progress(len(results), total)
    if not to_ask or _is_cancelled(cancel):
        return results
    pool = ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="link-check")
    pending: dict[Future, str] = {}
    for url in to_ask:
        future = pool.submit(probe_link, url, timeout)
        future.add_done_callback(lambda done: done.cancelled() or done.exception() or cache.put(done.result()))
        pending[future] = url
    cancelled = False
    try:
        while pending:
            finished, _ = wait(pending, timeout=0.05, return_when=FIRST_COMPLETED)
            if _is_cancelled(cancel):
                cancelled = True
                break
            for future in finished:
                results[pending.pop(future)] = future.result()
                if progress:
                    progress(len(results), total)
    finally:
        pool.shutdown(wait=not cancelled, cancel_futures=cancelled)
    return results


def probe_link(url: str, timeout: float = 10) -> LinkResult:
    """Ask one address: HEAD, then GET if HEAD is refused; for http://, also whether https:// answers."""
    result = _ask(url, "HEAD", timeout)
    if result.status in HEAD_REFUSED:
        result = _ask(url, "GET", timeout)
    if result.problem is None and urlsplit(url).scheme == "http":
        if urlsplit(result.final_url).scheme == "https":
            https_works = True
        else:
            https_works = _ask(_as_https(url), "HEAD", timeout).problem is None
        result = LinkResult(**{**result.__dict__, "https_works": https_works})
    return result


# --- asking a server -------------------------------------------------------------------------


class _KeepMethodOnRedirect(urllib.request.HTTPRedirectHandler):
    """urllib turns HEAD into GET after a redirect; keep HEAD so nothing is downloaded."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


@lru_cache(maxsize=1)
def _opener() -> urllib.request.OpenerDirector:
    """One TLS context for every request: making one per connection reloads the CA certificates each time."""
    return urllib.request.build_opener(
        _KeepMethodOnRedirect(), urllib.request.HTTPSHandler(context=ssl.create_default_context())
    )


def _ask(url: str, method: str, timeout: float) -> LinkResult:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    now = time.monotonic()
    try:
        with _opener().open(request, timeout=timeout) as response:
            return LinkResult(url, status=response.status, final_url=response.url, checked_at=now)
    except urllib.error.HTTPError as error:
        error.close()
        return LinkResult(url, status=error.code, final_url=error.url or url, checked_at=now,
                          problem=_problem_for_status(error.code), detail=_status_words(error.code, error.reason))
    except urllib.error.URLError as error:
        problem, detail = _problem_for_error(error.reason, timeout)
        return LinkResult(url, final_url=url, problem=problem, detail=detail, checked_at=now)
    except (OSError, HTTPException, ValueError) as error:
        problem, detail = _problem_for_error(error, timeout)
        return LinkResult(url, final_url=url, problem=problem, detail=detail, checked_at=now)


def _problem_for_status(status: int) -> str:
    if status in (404, 410):
        return "not_found"
    if 300 <= status < 400:
        return "redirect_loop"  # urllib gives up on loops and overlong chains
    if status >= 500:
        return "server_error"
    return "refused_by_site"


def _status_words(status: int, reason) -> str:
    reason = str(reason or "").strip()
    return f"HTTP {status} {reason}".strip()


def _problem_for_error(error, timeout: float) -> tuple[str, str]:
    if isinstance(error, (TimeoutError, socket.timeout)):
        return "no_answer", f"no answer within {timeout:g} seconds"
    if isinstance(error, ConnectionRefusedError):
        return "unreachable", "the connection was refused"
    if isinstance(error, socket.gaierror):
        return "unreachable", "the site name was not found"
    if isinstance(error, ssl.SSLError):
        return "unreachable", f"the secure connection failed ({error.reason or error})"
    return "unreachable", f"it could not be reached ({error})"


def _is_cancelled(cancel) -> bool:
    if cancel is None:
        return False
    is_set = getattr(cancel, "is_set", None)
    return bool(is_set() if is_set else cancel())


def _request_url(url: str) -> str:
    parts = urlsplit(url.strip())
    return urlunsplit(parts._replace(fragment=""))


def _as_https(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(scheme="https"))


def _same_place(a: str, b: str) -> bool:
    """Whether two addresses are the same page give or take scheme, www. and a trailing slash."""
    def key(url: str):
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
        return host, parts.port if parts.port not in (80, 443) else None, parts.path.rstrip("/"), parts.query
    return key(a) == key(b)


# --- findings --------------------------------------------------------------------------------


def _findings_for(url: str, result: LinkResult, places: list[LinkPlace]) -> Iterator[Finding]:
    for severity, what in _verdicts(url, result):
        for place in places:
            yield Finding(
                rule="links-online",
                severity=severity,
                message=f"The link {url} in {place.description} {what}.",
                block_id=place.block_id,
                section_id=place.section_id,
                field=place.field,
            )


def _verdicts(url: str, result: LinkResult) -> Iterator[tuple[Severity, str]]:
    if result.problem == "not_found":
        yield Severity.ERROR, f"was not found ({result.detail})"
    elif result.problem == "server_error":
        yield Severity.ERROR, f"gave a server error ({result.detail})"
    elif result.problem == "redirect_loop":
        yield Severity.ERROR, f"redirects in a loop ({result.detail})"
    elif result.problem == "refused_by_site":
        yield Severity.WARNING, f"was refused by the site ({result.detail}); check it opens in a browser"
    elif result.problem in ("no_answer", "unreachable"):
        yield Severity.ERROR, f"did not work: {result.detail}"
    else:
        requested = _request_url(url)
        if result.final_url and not _same_place(requested, result.final_url):
            yield Severity.ADVICE, f"redirects to {result.final_url}; link to that address instead"
        if result.https_works:
            yield Severity.ADVICE, f"also works securely; use {_as_https(url)}"


# --- where the links are ---------------------------------------------------------------------

def _all_links(issue: Issue) -> Iterator[tuple[str, LinkPlace]]:
    brand = issue.brand
    if brand.website:
        yield brand.website, LinkPlace("the organisation's website (brand settings)", "brand.website")
    if brand.logo_url:
        yield brand.logo_url, LinkPlace("the logo (brand settings)", "brand.logo_url")
    for section, block in issue.all_blocks():
        for field, url in _block_links(block):
            yield url, LinkPlace(place(section, block), field, block.id, section.id)


def _block_links(block: Block) -> Iterator[tuple[str, str]]:
    """The links the offline rules know (links.block_links), plus pictures on the web, which are fetched too."""
    for link in block_links(block):
        yield link.field, link.url
    for part in pictures(block):
        if is_web_address(part.value):
            yield part.path, part.value
