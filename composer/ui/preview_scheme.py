"""The preview's own URL scheme: pages of any size, and the coordinator's local pictures.

``setHtml`` silently refuses pages over 2 MB, and a page given as a string
cannot show pictures from the computer. Each preview page is served instead
from memory at ``nc-preview://<panel>/page/<n>``, and a picture chosen from
the computer at ``nc-preview://<panel>/picture/<quoted source>`` — only the
pictures the issue itself uses.
"""

from __future__ import annotations

import mimetypes
import weakref
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineProfile, QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler,
)

from .render_worker import PICTURE_PATH

SCHEME = b"nc-preview"


def register_scheme() -> None:
    """Must run before the web engine starts (at import of the preview, well before any page)."""
    if QWebEngineUrlScheme.schemeByName(SCHEME).name() == SCHEME:
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme | QWebEngineUrlScheme.Flag.ContentSecurityPolicyIgnored)
    QWebEngineUrlScheme.registerScheme(scheme)


register_scheme()


class PageSource(Protocol):
    def page_bytes(self, number: int) -> bytes | None: ...
    def picture_path(self, source: str) -> Path | None: ...


class _Handler(QWebEngineUrlSchemeHandler):
    def __init__(self):
        super().__init__()
        self.sources: weakref.WeakValueDictionary[str, PageSource] = weakref.WeakValueDictionary()

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        source = self.sources.get(url.host())
        path = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
        if source is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        if path.startswith("/page/"):
            number = path.removeprefix("/page/")
            data = source.page_bytes(int(number)) if number.isdigit() else None
            self._reply(job, b"text/html;charset=utf-8", data)
        elif path.startswith(PICTURE_PATH):
            file = source.picture_path(unquote(path.removeprefix(PICTURE_PATH)))
            try:
                data = file.read_bytes() if file is not None else None
            except OSError:
                data = None
            kind = (mimetypes.guess_type(file.name)[0] if file is not None else None) or "application/octet-stream"
            self._reply(job, kind.encode(), data)
        else:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)

    def _reply(self, job: QWebEngineUrlRequestJob, kind: bytes, data: bytes | None) -> None:
        if data is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        buffer = QBuffer(job)  # lives as long as the request
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(kind, buffer)


_handler: _Handler | None = None


def serve(token: str, source: PageSource) -> None:
    """Serve *source*'s pages and pictures at nc-preview://<token>/ from the default profile."""
    global _handler
    if _handler is None:
        _handler = _Handler()
        QWebEngineProfile.defaultProfile().installUrlSchemeHandler(SCHEME, _handler)
    _handler.sources[token] = source


def page_url(token: str, number: int) -> QUrl:
    return QUrl(f"{SCHEME.decode()}://{token}/page/{number}")
