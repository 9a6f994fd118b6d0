"""The user model, the access rules and the migrations read the roles registry
(indicators/roles.py): the CHECK on app_user.role lists exactly its keys (a new role needs a new
migration, never an edit of a landed one)."""
import re

from sqlalchemy import inspect

from data import access
from data.actor import COMMAND_LINE
from data.db import make_engine, migrate
from data.models import ROLES
from indicators import roles


def test_the_model_and_the_access_rules_read_the_registry():
    assert ROLES == roles.KEYS == access.ALL_ROLES
    assert roles.scope_of(COMMAND_LINE.role) == roles.DEPLOYMENT
    assert access.UNIT_ROLES == {"opd": "opd", "kecamatan": "kecamatan", "kelurahan": "kelurahan"}
    assert access.PROVINCE_ROLE == "province"
    assert set(access.GRANTS) == {"admin", "secretariat"}
    assert access.GRANTS["admin"] == roles.KEYS
    assert not set(access.GRANTS["secretariat"]) & {"admin", "secretariat", "chair", "member", "province"}


def test_the_migrated_check_lists_every_role_of_the_registry(new_database_url):
    migrate(new_database_url)
    engine = make_engine(new_database_url)
    [check] = [c for c in inspect(engine).get_check_constraints("app_user") if c["name"].endswith("role")]
    engine.dispose()
    assert set(re.findall(r"'([a-z_]+)'", check["sqltext"])) == set(roles.KEYS)
