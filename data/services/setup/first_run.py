"""The first administrator of an empty deployment (KLA_DEMO=0): until one exists, the app shows
only the form that creates it. When the operator sets KLA_SETUP_TOKEN, the form asks for it, so
that a stranger who finds the new server first cannot take it over."""
from __future__ import annotations

import hmac

from sqlalchemy import Engine, select

from data.actor import COMMAND_LINE, SignedInUser
from data.db import unit_of_work
from data.errors import InvalidInput, PermissionDenied
from data.models import User
from data.services.accounts.auth import create_user
from indicators import settings
from indicators.roles import ADMIN

SETUP_TOKEN_VARIABLE = settings.SETUP_TOKEN


def admin_exists(engine: Engine) -> bool:
    with unit_of_work(engine) as session:
        return session.scalar(select(User.id).where(User.role == ADMIN, User.active.is_(True)).limit(1)) is not None


def setup_token_required() -> bool:
    return bool(settings.text(SETUP_TOKEN_VARIABLE))


def create_first_admin(engine: Engine, username: str, display_name: str, password: str,
                       repeated_password: str, setup_token: str = "") -> SignedInUser:
    """Create the deployment's first administrator. Refused once any active admin exists."""
    expected = settings.text(SETUP_TOKEN_VARIABLE)
    if expected and not hmac.compare_digest(expected.encode(), setup_token.strip().encode()):
        raise PermissionDenied("Kode penyiapan salah. Kode itu ada pada variabel lingkungan "
                               f"{SETUP_TOKEN_VARIABLE} di server; tanyakan kepada pengelola server.")
    if admin_exists(engine):
        raise PermissionDenied("Admin pertama sudah dibuat. Silakan masuk dengan akun admin.")
    if password != repeated_password:
        raise InvalidInput(["Kedua kata sandi tidak sama; ketik ulang kata sandi yang sama dua kali."])
    return create_user(engine, COMMAND_LINE, username, display_name, password, "admin")
