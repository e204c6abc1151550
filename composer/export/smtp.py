"""Sending the test email through the coordinator's SMTP server.

Every way the server or network can fail becomes one SendError sentence the
coordinator can act on (check the port, the password, the security setting).
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Literal

from composer.model import ComposerError, InvalidValue

Security = Literal["none", "starttls", "ssl"]
SECURITY_CHOICES: tuple[str, ...] = ("none", "starttls", "ssl")


class SendError(ComposerError):
    """The test email could not be sent; the message says why in plain words."""


@dataclass(frozen=True)
class SmtpSettings:
    """The outgoing server from Preferences. The password is not here: it lives in the keyring."""

    host: str
    port: int = 587
    security: Security = "starttls"
    user: str = ""
    timeout: float = 30.0

    def __post_init__(self):
        if not self.host.strip():
            raise InvalidValue("Give the name of the outgoing mail server (SMTP)")
        if not 0 < self.port < 65536:
            raise InvalidValue(f"The port {self.port} is not a port number (1–65535)")
        if self.security not in SECURITY_CHOICES:
            raise InvalidValue(f"Security must be one of {', '.join(SECURITY_CHOICES)}, not {self.security!r}")
        if self.timeout <= 0:
            raise InvalidValue("The time-out must be more than zero seconds")

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"


def send_test(message: EmailMessage, settings: SmtpSettings, password: str | None = None) -> dict[str, str]:
    """Send *message*; returns the recipients the server refused (empty when all were accepted).

    Raises SendError when nothing was sent.
    """
    where = settings.server
    try:
        with _connect(settings) as server:
            if settings.user:
                server.login(settings.user, password or "")
            refused = server.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise SendError(f"The mail server {where} did not accept the user name “{settings.user}” "
                        "and password; check them in Preferences") from None
    except smtplib.SMTPNotSupportedError as error:
        raise SendError(f"The mail server {where} does not offer {_feature(error)}; "
                        "check the security setting and port in Preferences") from None
    except smtplib.SMTPRecipientsRefused as error:
        refused = ", ".join(f"{address} ({_reply(code, text)})" for address, (code, text) in error.recipients.items())
        raise SendError(f"The mail server {where} refused every recipient: {refused}") from None
    except smtplib.SMTPSenderRefused as error:
        raise SendError(f"The mail server {where} refused the sender {error.sender}: "
                        f"{_reply(error.smtp_code, error.smtp_error)}") from None
    except smtplib.SMTPDataError as error:
        raise SendError(f"The mail server {where} refused the message: {_reply(error.smtp_code, error.smtp_error)}") from None
    except smtplib.SMTPServerDisconnected as error:
        if isinstance(error.__context__, TimeoutError):  # smtplib reports a silent server as a disconnect
            raise SendError(f"The mail server {where} did not answer within {settings.timeout:g} seconds") from None
        raise SendError(f"The mail server {where} closed the connection; check the port and security setting "
                        "(SSL is usually port 465, STARTTLS port 587)") from None
    except smtplib.SMTPResponseException as error:
        raise SendError(f"The mail server {where} said: {_reply(error.smtp_code, error.smtp_error)}") from None
    except smtplib.SMTPException as error:
        raise SendError(f"Sending through {where} failed: {error}") from None
    except ssl.SSLError as error:
        raise SendError(f"A secure connection to {where} could not be made ({error.reason or error}); "
                        "check the security setting and port in Preferences") from None
    except ConnectionRefusedError:
        raise SendError(f"The mail server {where} refused the connection; check the server name and port") from None
    except socket.gaierror:
        raise SendError(f"The mail server “{settings.host}” cannot be found; check its name and your "
                        "internet connection") from None
    except TimeoutError:
        raise SendError(f"The mail server {where} did not answer within {settings.timeout:g} seconds") from None
    except OSError as error:
        raise SendError(f"The mail server {where} cannot be reached: {error.strerror or error}") from None
    return {address: _reply(code, text) for address, (code, text) in refused.items()}


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
    server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        if settings.security == "starttls":
            server.starttls(context=context)
    except BaseException:
        server.close()
        raise
    return server


def _feature(error: smtplib.SMTPNotSupportedError) -> str:
    text = str(error)
    if "STARTTLS" in text.upper():
        return "STARTTLS"
    if "AUTH" in text.upper():
        return "logging in (AUTH)"
    return text or "what the settings ask for"


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()
