"""A real SMTP server on 127.0.0.1 for the test-send tests (export and GUI): fixtures `inbox`, `guarded_inbox`.

Loaded as a pytest plugin from tests/conftest.py. The guarded one asks for a login:
user "coordinator", password "right horse".
"""

from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

USER, PASSWORD = "coordinator", "right horse"


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _check_login(server, session, envelope, mechanism, auth_data):
    accepted = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
    return AuthResult(success=accepted, handled=False)  # handled=False: the server answers 535 itself


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


@pytest.fixture
def guarded_inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(),
                            authenticator=_check_login, auth_require_tls=False)
    controller.start()
    yield handler, controller.port
    controller.stop()
