"""Talking JSON to a provider's API over HTTPS, with every failure turned into one sentence.

Only a "429 Too Many Requests" is tried again, after the wait the provider asks for
(Retry-After, or Brevo's x-sib-ratelimit-reset): a 429 means the request was not carried
out, so trying again cannot make a second campaign. Anything else that fails is reported,
never repeated behind the coordinator's back. Cancel is honoured between requests and
during a wait. Keys travel in headers only; no message ever repeats them.
"""

from __future__ import annotations

import email.utils
import threading
import time
from typing import Any, Callable
from urllib.parse import urlsplit

import requests

from .errors import ProviderRefused, ProviderUnavailable, PushCancelled

Progress = Callable[[float, str], None]

TIMEOUT_SECONDS = 60.0          # per request, once connected (an upload of a large picture included)
CONNECT_SECONDS = 15.0
RATE_LIMIT_TRIES = 4            # a 429 is waited out at most this many times per request
LONGEST_WAIT_SECONDS = 300.0    # a provider asking for longer than this is reported instead
DEFAULT_WAIT_SECONDS = 10.0     # when a 429 does not say how long


class Connection:
    """One provider's API at *base_url*; ``call`` returns the parsed JSON (None for an empty answer)."""

    def __init__(self, title: str, base_url: str, *, headers: dict[str, str] | None = None,
                 auth: tuple[str, str] | None = None, timeout: float = TIMEOUT_SECONDS,
                 progress: Progress | None = None, cancel: threading.Event | None = None):
        self.title = title
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.progress = progress or (lambda fraction, message: None)
        self.cancel = cancel or threading.Event()
        self.fraction = 0.0  # where the overall job is, for progress reports during a wait
        self._session = requests.Session()
        self._session.headers.update({"Accept": "application/json", "User-Agent": "NewsletterComposer"})
        self._session.headers.update(headers or {})
        self._session.auth = auth

    def call(self, method: str, path: str, what: str, *, json: Any = None, files: Any = None,
             params: dict | None = None, missing_ok: bool = False) -> Any:
        """Send one request; *what* names it in messages ("creating the draft").

        With *missing_ok*, a 404 answers None instead of being an error.
        """
        url = self.base_url + path
        for attempt in range(RATE_LIMIT_TRIES + 1):
            self._stop_if_cancelled()
            response = self._send(method, url, what, json=json, files=files, params=params)
            if response.status_code != 429:
                break
            if attempt == RATE_LIMIT_TRIES:
                raise ProviderUnavailable(
                    f"{self.title} is still too busy after {RATE_LIMIT_TRIES} waits while {what}; "
                    "nothing more was sent. Try again in a few minutes.")
            self._wait(_wait_seconds(response, attempt), what)
        if missing_ok and response.status_code == 404:
            return None
        if response.status_code >= 400:
            raise self._error(response, what)
        return self._json(response, what)

    def close(self) -> None:
        self._session.close()

    # --- one request ---------------------------------------------------------------------------

    def _send(self, method: str, url: str, what: str, **kwargs) -> requests.Response:
        host = urlsplit(url).netloc or url
        try:
            return self._session.request(method, url, timeout=(CONNECT_SECONDS, self.timeout), **kwargs)
        except requests.exceptions.Timeout:
            raise ProviderUnavailable(
                f"{self.title} did not answer within {self.timeout:.0f} seconds while {what}. "
                "It may be slow or busy; nothing was lost, try again later.") from None
        except requests.exceptions.ConnectionError as error:
            text = str(error)
            if "Name or service not known" in text or "NameResolution" in text or "getaddrinfo" in text \
                    or "nodename nor servname" in text or "No address associated" in text:
                raise ProviderUnavailable(
                    f"{self.title} could not be reached while {what}: the address {host} was not found. "
                    "Is this computer online, and is the address right?") from None
            raise ProviderUnavailable(
                f"{self.title} could not be reached while {what} ({host} did not accept the connection). "
                "Is this computer online? Nothing was sent.") from None
        except requests.exceptions.RequestException as error:
            raise ProviderUnavailable(f"{self.title} could not be reached while {what}: {error}") from None

    def _error(self, response: requests.Response, what: str):
        status = response.status_code
        detail = _detail(response)
        if status in (401, 403):
            return ProviderRefused(f"{self.title} refused the key while {what} ({status}: {detail}). "
                                   "Check the API key, and that it may create campaigns.")
        if status >= 500:
            return ProviderUnavailable(f"{self.title} had a problem of its own while {what} (error {status}: {detail}). "
                                       "Nothing more was sent; try again later.")
        return ProviderRefused(f"{self.title} refused {what} ({status}: {detail}).")

    def _json(self, response: requests.Response, what: str) -> Any:
        if not response.content.strip():
            return None
        try:
            return response.json()
        except ValueError:
            kind = response.headers.get("Content-Type", "unknown").split(";")[0]
            raise ProviderUnavailable(
                f"{self.title} answered {what} with something that is not its API's JSON ({kind}); "
                f"is {urlsplit(self.base_url).netloc} the right address, and is there a login page "
                "between this computer and the internet? Nothing more was sent.") from None

    # --- waiting when asked to ----------------------------------------------------------------

    def _wait(self, seconds: float, what: str) -> None:
        if seconds > LONGEST_WAIT_SECONDS:
            raise ProviderUnavailable(f"{self.title} asks to wait {seconds / 60:.0f} minutes before {what}; "
                                      "nothing more was sent. Try again later.")
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self.progress(self.fraction, f"{self.title} is busy and asks to wait: trying again in {left:.0f} s")
            if self.cancel.wait(min(1.0, left)):
                self._stop_if_cancelled()

    def _stop_if_cancelled(self) -> None:
        if self.cancel.is_set():
            raise PushCancelled("Stopped: nothing more was sent after Cancel was pressed.")


def _wait_seconds(response: requests.Response, attempt: int) -> float:
    """Retry-After (seconds or a date), else Brevo's reset header, else a doubling default."""
    value = response.headers.get("Retry-After", "").strip()
    if value:
        if value.isdigit():
            return float(value)
        try:
            return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            pass  # neither seconds nor a date: use the other hints
    reset = response.headers.get("x-sib-ratelimit-reset", "").strip()
    if reset.replace(".", "", 1).isdigit():
        return float(reset)
    return DEFAULT_WAIT_SECONDS * (2 ** attempt)


def _detail(response: requests.Response) -> str:
    """The provider's own words: Mailchimp's problem detail, Brevo's and listmonk's message."""
    try:
        body = response.json()
    except ValueError:
        return response.reason or "no explanation given"
    if isinstance(body, dict):
        for key in ("detail", "message", "title", "error"):
            if isinstance(body.get(key), str) and body[key].strip():
                return body[key].strip().rstrip(".")
    return response.reason or "no explanation given"
