"""Sign-in sessions that survive a reload and a new tab: a record on the server per signed-in
browser, behind an HttpOnly cookie holding a random token (only its SHA-256 is stored).

The browser gets its cookie in two steps, so the token never travels over the app's websocket:
signing in creates the record with a one-time hand-over code (valid HANDOVER_SECONDS); the
browser is sent to the cookie route with that code, which `claim` exchanges for the token once.
A session ends on sign-out (this browser, or every browser of the account), after the idle time
(KLA_SESSION_IDLE_MINUTES) and the absolute lifetime (KLA_SESSION_HOURS), when the password
changes, and when the account is deactivated. Every start and end is audited; tokens never are.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from data import audit
from data.actor import SignedInUser, signed_in_user
from data.db import unit_of_work
from data.errors import DomainError, NotFound
from data.models import SignInSession, User, utc_now
from indicators import text
from indicators.settings import SESSION_HOURS, SESSION_IDLE_MINUTES, positive_number

IDLE_SETTING = SESSION_IDLE_MINUTES
LIFETIME_SETTING = SESSION_HOURS
HANDOVER_SECONDS = 120
# last_seen_at is written at most this often, so that reruns do not turn into writes.
TOUCH_EVERY = timedelta(seconds=30)
MAX_CLIENT_CHARS = 64


class SessionEnded(DomainError):
    """The session is over; the message says why and that signing in again is the way on."""


@dataclass(frozen=True)
class SessionSettings:
    idle: timedelta
    lifetime: timedelta


@dataclass(frozen=True)
class ActiveSession:
    id: int
    user: SignedInUser
    signed_in_at: datetime
    cookie_claimed: bool
    """Whether the browser has fetched its cookie (until then the page keeps offering it)."""


@dataclass(frozen=True)
class Claimed:
    token: str
    max_age_seconds: int


def settings() -> SessionSettings:
    return SessionSettings(
        idle=timedelta(minutes=positive_number(IDLE_SETTING, "menit")),
        lifetime=timedelta(hours=positive_number(LIFETIME_SETTING, "jam")),
    )




def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def start(engine: Engine, user: SignedInUser, client: str | None = None) -> tuple[int, str]:
    """A new session for a user who has just proved who they are: its id and the one-time
    hand-over code the browser exchanges for its cookie."""
    code = secrets.token_urlsafe(32)
    now = utc_now()
    with unit_of_work(engine) as session:
        record = SignInSession(
            user_id=user.id,
            handover_hash=_digest(code),
            handover_expires_at=now + timedelta(seconds=HANDOVER_SECONDS),
            session_generation=user.session_generation,
            client=(client or None) and client[:MAX_CLIENT_CHARS],
            created_at=now,
            last_seen_at=now,
            expires_at=now + settings().lifetime,
        )
        session.add(record)
        session.flush()
        audit.record(session, user.id, "session_start", "sign_in_session", record.id, user.region_id,
                     {"client": record.client})
        return record.id, code


def claim(engine: Engine, code: str) -> Claimed | None:
    """The cookie token for a hand-over code, once: None for an unknown, used or late code."""
    if not isinstance(code, str) or not code or len(code) > 200:
        return None
    now = utc_now()
    with unit_of_work(engine) as session:
        record = session.scalar(select(SignInSession).where(SignInSession.handover_hash == _digest(code)))
        if record is None:
            return None
        record.handover_hash, expires = None, record.handover_expires_at
        record.handover_expires_at = None
        if expires is None or expires < now or record.ended_at is not None:
            return None
        token = secrets.token_urlsafe(32)
        record.token_hash = _digest(token)
        return Claimed(token, max(1, int((record.expires_at - now).total_seconds())))


def resume(engine: Engine, token: str) -> ActiveSession:
    """The session and user a cookie token stands for, if the session still holds; otherwise
    SessionEnded (NotFound for a token the server never issued)."""
    if not isinstance(token, str) or not token or len(token) > 200:
        raise NotFound("Sesi tidak dikenal.")
    return _checked(engine, SignInSession.token_hash == _digest(token))


def check(engine: Engine, session_id: int) -> ActiveSession:
    """The session's user as the account is now, asked on every page run; SessionEnded when the
    session is over (signed out elsewhere, idle, too old, password changed, account closed)."""
    return _checked(engine, SignInSession.id == session_id)


def _checked(engine: Engine, which) -> ActiveSession:
    now = utc_now()
    with unit_of_work(engine, read_only=True) as session:
        record = session.scalar(select(SignInSession).where(which))
        if record is None:
            raise NotFound("Sesi tidak dikenal.")
        user = session.get(User, record.user_id)
        reason = _end_reason(record, user, now)
        if record.ended_at is not None:
            raise SessionEnded(ended_message(reason))
        # no reason to end it: _end_reason has found the account there and active
        if reason is None and user is not None and now - record.last_seen_at < TOUCH_EVERY:
            return _active(record, user)
    # Ending or touching writes; done in its own short unit, so most runs stay read-only.
    with unit_of_work(engine) as session:
        record = session.scalar(select(SignInSession).where(which))
        if record is None:
            raise NotFound("Sesi tidak dikenal.")
        user = session.get(User, record.user_id)
        reason = _end_reason(record, user, now)
        if reason is None and user is not None:
            record.last_seen_at = now
            return _active(record, user)
        if reason is not None and record.ended_at is None:
            _end(session, record, reason, now)
        ended = SessionEnded(ended_message(record.end_reason))
    raise ended  # after the end and its audit row are committed


def _active(record: SignInSession, user: User) -> ActiveSession:
    return ActiveSession(record.id, signed_in_user(user), record.created_at, record.token_hash is not None)


def new_handover(engine: Engine, session_id: int) -> str | None:
    """A fresh hand-over code for a session whose browser has not fetched its cookie in time
    (None once it has, or when the session is over)."""
    code = secrets.token_urlsafe(32)
    with unit_of_work(engine) as session:
        record = session.get(SignInSession, session_id)
        if record is None or record.ended_at is not None or record.token_hash is not None:
            return None
        record.handover_hash = _digest(code)
        record.handover_expires_at = utc_now() + timedelta(seconds=HANDOVER_SECONDS)
        return code


def _end_reason(record: SignInSession, user: User | None, now: datetime) -> str | None:
    if record.ended_at is not None:
        return record.end_reason or "sign_out"
    if user is None or not user.active:
        return "account"
    if (user.session_generation or 0) != record.session_generation:
        return "password"
    if now >= record.expires_at:
        return "expired"
    if now - record.last_seen_at >= settings().idle:
        return "idle"
    return None


def ended_message(reason: str | None) -> str:
    current = settings()
    messages = {
        "idle": f"Anda keluar otomatis karena tidak ada kegiatan selama {text.duration(current.idle)}. "
                "Silakan masuk kembali; jawaban yang sudah disimpan tetap ada.",
        "expired": f"Sesi masuk Anda sudah berlangsung {text.duration(current.lifetime)} dan berakhir. "
                   "Silakan masuk kembali.",
        "password": "Kata sandi akun Anda telah diganti; silakan masuk kembali.",
        "account": "Akun Anda dinonaktifkan; hubungi sekretariat KLA.",
        "sign_out_everywhere": "Anda telah keluar dari semua perangkat. Silakan masuk kembali.",
    }
    return messages.get(reason or "", "Anda telah keluar (di tab atau perangkat lain). Silakan masuk kembali.")


def end(engine: Engine, session_id: int, reason: str = "sign_out") -> None:
    """Ends one session (sign-out in this browser); ending an ended session changes nothing."""
    with unit_of_work(engine) as session:
        record = session.get(SignInSession, session_id)
        if record is not None and record.ended_at is None:
            _end(session, record, reason, utc_now())


def end_everywhere(engine: Engine, actor: SignedInUser) -> int:
    """Ends every open session of the actor's account (every browser and device); how many."""
    now = utc_now()
    with unit_of_work(engine) as session:
        records = session.scalars(select(SignInSession).where(
            SignInSession.user_id == actor.id, SignInSession.ended_at.is_(None))).all()
        for record in records:
            _end(session, record, "sign_out_everywhere", now)
        return len(records)


def keep_after_password_change(engine: Engine, session_id: int, user: SignedInUser) -> None:
    """The browser that changed the password stays signed in under the new generation; the
    account's other sessions end at their next page run."""
    with unit_of_work(engine) as session:
        session.execute(update(SignInSession)
                        .where(SignInSession.id == session_id, SignInSession.user_id == user.id,
                               SignInSession.ended_at.is_(None))
                        .values(session_generation=user.session_generation))


def _end(session: Session, record: SignInSession, reason: str, now: datetime) -> None:
    record.ended_at, record.end_reason = now, reason
    record.handover_hash = record.handover_expires_at = None
    region_id = session.scalar(select(User.region_id).where(User.id == record.user_id))
    audit.record(session, record.user_id, "session_end", "sign_in_session", record.id, region_id,
                 {"reason": reason})
