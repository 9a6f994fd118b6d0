"""A real SMTP server on the loopback for the tests that send reminders (aiosmtpd): it keeps what
it received, refuses the recipients it is told to refuse, and may require a sign-in."""
from __future__ import annotations

import socket
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class LoopbackController(Controller):
    def factory(self):
        # Signing in over the plain loopback, as a region's relay inside its own network may.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
            return super().factory()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Mailbox:
    refused: set[str] = field(default_factory=set)
    received: list[EmailMessage] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted"

    def bodies_to(self, address: str) -> list[str]:
        return [m.get_content() for m in self.received if m["To"] == address]


def _authenticator(user: str, password: str):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            user.encode(), password.encode())
        return AuthResult(success=ok, handled=False)
    return check


@contextmanager
def smtp_server(user: str | None = None, password: str | None = None):
    """(host, port, mailbox) of a running server; with user and password it requires AUTH LOGIN/PLAIN."""
    mailbox = Mailbox()
    port = free_port()
    extra = ({"authenticator": _authenticator(user, password or ""), "auth_required": True,
              "auth_require_tls": False} if user else {})
    controller = LoopbackController(mailbox, hostname="127.0.0.1", port=port, ready_timeout=10, **extra)
    controller.start()
    try:
        yield "127.0.0.1", port, mailbox
    finally:
        controller.stop()
