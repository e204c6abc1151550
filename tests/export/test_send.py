"""A coordinator sends the issue to their own inbox through a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import socket
from email import policy

import pytest

from smtp_inbox import free_port

from composer.export import SendError, SmtpSettings, build_test_message, send_test
from composer.model import ComposerError, InvalidValue








def _received(handler):
    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    return envelope, email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)


def test_coordinator_receives_the_test_with_both_parts_and_inline_pictures(inbox, issue, base_dir):
    handler, port = inbox
    message = build_test_message(issue, "Zoë Harper <zoe@example.org>", ["me@example.org", "chair@example.org"],
                                 base_dir=base_dir)
    refused = send_test(message, SmtpSettings("127.0.0.1", port, security="none", timeout=5))
    assert refused == {}

    envelope, received = _received(handler)
    assert sorted(envelope.rcpt_tos) == ["chair@example.org", "me@example.org"]
    assert envelope.mail_from == "zoe@example.org"
    assert received["Subject"] == "Autumn news from the Café Club"
    raw_headers = (envelope.original_content or envelope.content).split(b"\r\n\r\n", 1)[0]
    assert b"Caf\xc3\xa9" not in raw_headers and b"=?utf-8?" in raw_headers.lower()
    assert received["From"].addresses[0].display_name == "Zoë Harper"
    assert received["From"].addresses[0].addr_spec == "zoe@example.org"

    assert received.get_content_type() == "multipart/alternative"
    text_part, related = received.get_payload()
    assert text_part.get_content_type() == "text/plain"
    assert "Our volunteers" in text_part.get_content()
    assert related.get_content_type() == "multipart/related"
    html_part, *pictures = related.get_payload()
    assert html_part.get_content_type() == "text/html"
    by_cid = {part["Content-ID"].strip("<>"): part for part in pictures}
    assert {part.get_content_type() for part in pictures} == {"image/png", "image/jpeg"}

    from lxml import html as lxml_html
    doc = lxml_html.fromstring(html_part.get_content())
    sources = [img.get("src") for img in doc.iter("img")]
    cids = [src[len("cid:"):] for src in sources if src.startswith("cid:")]
    assert sorted(cids) == sorted(by_cid)
    assert "https://www.example.org/logo.png" in sources
    assert all(part.get_content_disposition() == "inline" for part in pictures)


def test_right_password_is_accepted_by_a_server_that_requires_login(guarded_inbox, issue, base_dir):
    handler, port = guarded_inbox
    message = build_test_message(issue, "zoe@example.org", ["me@example.org"], base_dir=base_dir)
    send_test(message, SmtpSettings("127.0.0.1", port, security="none", user="coordinator", timeout=5), "right horse")
    assert len(handler.envelopes) == 1


def test_wrong_password_is_a_clear_error(guarded_inbox, issue, base_dir):
    handler, port = guarded_inbox
    message = build_test_message(issue, "zoe@example.org", ["me@example.org"], base_dir=base_dir)
    settings = SmtpSettings("127.0.0.1", port, security="none", user="coordinator", timeout=5)
    with pytest.raises(SendError, match="did not accept the user name “coordinator” and password"):
        send_test(message, settings, "battery staple")
    assert handler.envelopes == []


def test_closed_port_is_reported_as_refused(issue, base_dir):
    message = build_test_message(issue, "zoe@example.org", ["me@example.org"], base_dir=base_dir)
    port = free_port()
    with pytest.raises(SendError, match=f"127.0.0.1:{port} refused the connection"):
        send_test(message, SmtpSettings("127.0.0.1", port, security="none", timeout=5))


def test_silent_server_is_reported_as_a_time_out(issue, base_dir):
    message = build_test_message(issue, "zoe@example.org", ["me@example.org"], base_dir=base_dir)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # accepts the connection but never greets
        port = silent.getsockname()[1]
        with pytest.raises(SendError, match="did not answer within 0.5 seconds"):
            send_test(message, SmtpSettings("127.0.0.1", port, security="none", timeout=0.5))


def test_starttls_against_a_server_without_it_says_so(inbox, issue, base_dir):
    handler, port = inbox
    message = build_test_message(issue, "zoe@example.org", ["me@example.org"], base_dir=base_dir)
    with pytest.raises(SendError, match="does not offer STARTTLS"):
        send_test(message, SmtpSettings("127.0.0.1", port, security="starttls", timeout=5))


def test_unknown_host_is_reported_as_not_found(issue, base_dir, monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    message = build_test_message(issue, "zoe@example.org", ["me@example.org"], base_dir=base_dir)
    with pytest.raises(SendError, match="“smtp.example.invalid” cannot be found"):
        send_test(message, SmtpSettings("smtp.example.invalid", 587, security="none", timeout=5))


def test_bad_addresses_and_settings_are_refused_before_sending(issue):
    with pytest.raises(ComposerError, match="sender address “zoe” is not a valid e-mail address"):
        build_test_message(issue, "zoe", ["me@example.org"])
    with pytest.raises(ComposerError, match="at least one address"):
        build_test_message(issue, "zoe@example.org", [" "])
    with pytest.raises(InvalidValue, match="Security must be one of"):
        SmtpSettings("smtp.example.org", security="tls")
    with pytest.raises(InvalidValue, match="not a port number"):
        SmtpSettings("smtp.example.org", port=70000)
