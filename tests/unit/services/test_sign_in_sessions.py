"""Server-side sign-in sessions: a one-time hand-over code becomes the cookie token once; a session
ends on sign-out (here or everywhere), after the idle time and the absolute lifetime, when the
password changes and when the account is deactivated; every start and end is audited, no token."""
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from data.actor import COMMAND_LINE
from data.db import unit_of_work
from data.errors import NotFound
from data.models import AuditLog, SignInSession, utc_now
from data.services.accounts import admin, sign_in_sessions
from data.services.accounts.auth import authenticate, change_password
from data.services.accounts.sign_in_sessions import SessionEnded
from seed.kupang import DEMO_PASSWORD


@pytest.fixture
def opd(seeded_engine):
    return authenticate(seeded_engine, "opd.dinkes", DEMO_PASSWORD)


def signed_in(engine, user):
    """A session whose browser has fetched its cookie: (session id, cookie token)."""
    session_id, code = sign_in_sessions.start(engine, user, "10.0.0.7")
    return session_id, sign_in_sessions.claim(engine, code).token


def record_of(engine, session_id) -> SignInSession:
    with unit_of_work(engine) as session:
        return session.get(SignInSession, session_id)


def session_audit(engine, session_id) -> list[AuditLog]:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(AuditLog).where(
            AuditLog.entity == "sign_in_session", AuditLog.entity_id == str(session_id)).order_by(AuditLog.id)))


def move_back(engine, session_id, **columns):
    """Pretends time has passed: moves the named timestamps of a session into the past."""
    with unit_of_work(engine) as session:
        record = session.get(SignInSession, session_id)
        for column, span in columns.items():
            setattr(record, column, getattr(record, column) - span)


def test_the_hand_over_code_gives_the_cookie_token_once_and_the_token_finds_the_user(seeded_engine, opd):
    session_id, code = sign_in_sessions.start(seeded_engine, opd, "10.0.0.7")
    assert sign_in_sessions.check(seeded_engine, session_id).cookie_claimed is False

    claimed = sign_in_sessions.claim(seeded_engine, code)
    assert claimed is not None and len(claimed.token) >= 40
    assert 11 * 3600 < claimed.max_age_seconds <= 12 * 3600
    assert sign_in_sessions.claim(seeded_engine, code) is None  # used

    active = sign_in_sessions.resume(seeded_engine, claimed.token)
    assert (active.id, active.user.username, active.cookie_claimed) == (session_id, "opd.dinkes", True)
    stored = record_of(seeded_engine, session_id)
    assert claimed.token not in (stored.token_hash, stored.handover_hash) and stored.client == "10.0.0.7"


def test_a_late_or_unknown_code_and_an_unknown_token_give_nothing(seeded_engine, opd):
    session_id, code = sign_in_sessions.start(seeded_engine, opd)
    move_back(seeded_engine, session_id, handover_expires_at=timedelta(seconds=121))
    assert sign_in_sessions.claim(seeded_engine, code) is None
    assert sign_in_sessions.claim(seeded_engine, "tebakan") is None
    assert sign_in_sessions.claim(seeded_engine, "x" * 5000) is None
    for token in ("tebakan", "", "x" * 5000, None):
        with pytest.raises(NotFound):
            sign_in_sessions.resume(seeded_engine, token)
    # a late browser gets a fresh code while the session holds
    fresh = sign_in_sessions.new_handover(seeded_engine, session_id)
    assert sign_in_sessions.claim(seeded_engine, fresh) is not None
    assert sign_in_sessions.new_handover(seeded_engine, session_id) is None  # claimed already


def test_signing_out_ends_the_session_for_every_tab_of_the_browser(seeded_engine, opd):
    session_id, token = signed_in(seeded_engine, opd)
    sign_in_sessions.end(seeded_engine, session_id)
    sign_in_sessions.end(seeded_engine, session_id)  # twice changes nothing
    for find in (lambda: sign_in_sessions.check(seeded_engine, session_id),
                 lambda: sign_in_sessions.resume(seeded_engine, token)):
        with pytest.raises(SessionEnded, match="Anda telah keluar"):
            find()
    assert record_of(seeded_engine, session_id).end_reason == "sign_out"


def test_signing_out_everywhere_ends_every_session_of_the_account_and_no_other(seeded_engine, opd):
    first, _ = signed_in(seeded_engine, opd)
    second, _ = signed_in(seeded_engine, opd)
    chair = authenticate(seeded_engine, "ketua", DEMO_PASSWORD)
    others, _ = signed_in(seeded_engine, chair)

    assert sign_in_sessions.end_everywhere(seeded_engine, opd) == 2
    for session_id in (first, second):
        with pytest.raises(SessionEnded, match="semua perangkat"):
            sign_in_sessions.check(seeded_engine, session_id)
    assert sign_in_sessions.check(seeded_engine, others).user.username == "ketua"


def test_an_idle_session_ends_after_the_configured_time_and_says_so(seeded_engine, opd, monkeypatch):
    monkeypatch.setenv("KLA_SESSION_IDLE_MINUTES", "15")
    session_id, token = signed_in(seeded_engine, opd)
    move_back(seeded_engine, session_id, last_seen_at=timedelta(minutes=14))
    assert sign_in_sessions.check(seeded_engine, session_id).user.username == "opd.dinkes"  # and touched
    move_back(seeded_engine, session_id, last_seen_at=timedelta(minutes=15))

    with pytest.raises(SessionEnded, match="tidak ada kegiatan selama 15 menit"):
        sign_in_sessions.resume(seeded_engine, token)
    assert record_of(seeded_engine, session_id).end_reason == "idle"
    ends = [row.details for row in session_audit(seeded_engine, session_id) if row.action == "session_end"]
    assert ends == [{"reason": "idle"}]


def test_reruns_within_half_a_minute_do_not_write(seeded_engine, opd):
    session_id, _ = signed_in(seeded_engine, opd)
    seen = record_of(seeded_engine, session_id).last_seen_at
    sign_in_sessions.check(seeded_engine, session_id)
    assert record_of(seeded_engine, session_id).last_seen_at == seen
    move_back(seeded_engine, session_id, last_seen_at=timedelta(seconds=31))
    sign_in_sessions.check(seeded_engine, session_id)
    assert record_of(seeded_engine, session_id).last_seen_at > seen - timedelta(seconds=1)


def test_a_session_ends_after_its_absolute_lifetime_even_when_busy(seeded_engine, opd, monkeypatch):
    monkeypatch.setenv("KLA_SESSION_HOURS", "8")
    session_id, _ = signed_in(seeded_engine, opd)
    stored = record_of(seeded_engine, session_id)
    assert timedelta(hours=7, minutes=59) < stored.expires_at - stored.created_at <= timedelta(hours=8)
    move_back(seeded_engine, session_id, expires_at=timedelta(hours=8, seconds=1))
    with pytest.raises(SessionEnded, match="berlangsung 8 jam"):
        sign_in_sessions.check(seeded_engine, session_id)


def test_a_password_change_keeps_this_session_and_ends_the_others(seeded_engine, opd):
    here, _ = signed_in(seeded_engine, opd)
    elsewhere, _ = signed_in(seeded_engine, opd)
    changed = change_password(seeded_engine, opd, DEMO_PASSWORD, "Kupang-sehat-2026-baru")
    sign_in_sessions.keep_after_password_change(seeded_engine, here, changed)

    assert sign_in_sessions.check(seeded_engine, here).user.session_generation == changed.session_generation
    with pytest.raises(SessionEnded, match="Kata sandi akun Anda telah diganti"):
        sign_in_sessions.check(seeded_engine, elsewhere)


@pytest.mark.parametrize("change, message", [("reset", "telah diganti"), ("deactivate", "dinonaktifkan")])
def test_a_reset_or_a_deactivation_by_the_secretariat_ends_every_session(seeded_engine, opd, change, message):
    session_id, token = signed_in(seeded_engine, opd)
    if change == "reset":
        admin.reset_password(seeded_engine, COMMAND_LINE, "opd.dinkes")
    else:
        admin.set_account_active(seeded_engine, COMMAND_LINE, "opd.dinkes", False, "pindah tugas")
    with pytest.raises(SessionEnded, match=message):
        sign_in_sessions.resume(seeded_engine, token)


def test_starts_and_ends_are_audited_without_any_secret(seeded_engine, opd):
    session_id, code = sign_in_sessions.start(seeded_engine, opd, "10.0.0.7")
    token = sign_in_sessions.claim(seeded_engine, code).token
    sign_in_sessions.end(seeded_engine, session_id)
    rows = session_audit(seeded_engine, session_id)
    assert [row.action for row in rows] == ["session_start", "session_end"]
    assert all(code not in str(row.details) and token not in str(row.details) for row in rows)


@pytest.mark.parametrize("setting, value, message", [
    ("KLA_SESSION_IDLE_MINUTES", "sejam", "harus berupa angka menit"),
    ("KLA_SESSION_IDLE_MINUTES", "0", "harus lebih dari 0"),
    ("KLA_SESSION_HOURS", "-2", "harus lebih dari 0"),
])
def test_a_bad_setting_is_refused_with_what_to_write(seeded_engine, opd, monkeypatch, setting, value, message):
    monkeypatch.setenv(setting, value)
    with pytest.raises(ValueError, match=f"{setting} {message}"):
        sign_in_sessions.start(seeded_engine, opd)
    with unit_of_work(seeded_engine) as session:
        assert session.scalars(select(SignInSession)).all() == []


def test_decimal_settings_allow_short_test_times(seeded_engine, opd, monkeypatch):
    monkeypatch.setenv("KLA_SESSION_IDLE_MINUTES", "0,05")
    session_id, _ = signed_in(seeded_engine, opd)
    with unit_of_work(seeded_engine) as session:
        session.execute(update(SignInSession).values(last_seen_at=utc_now() - timedelta(seconds=4)))
    with pytest.raises(SessionEnded, match="3 detik"):
        sign_in_sessions.check(seeded_engine, session_id)
