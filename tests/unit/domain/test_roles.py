"""The roles registry (indicators/roles.py): every role is complete, and the grant rule reads it."""
from indicators import roles


def test_every_role_has_names_a_scope_a_home_and_a_grantor():
    assert len(set(roles.KEYS)) == len(roles.ROLE_TABLE)
    for role in roles.ROLE_TABLE:
        assert role.name_id and role.name_en, role.key
        assert role.scope in roles.SCOPES, role.key
        assert role.home, role.key
        assert roles.ADMIN in role.granted_by and set(role.granted_by) <= set(roles.KEYS), role.key
        assert (role.unit_kind is not None) == (role.scope == roles.UNIT), role.key
    assert roles.of_scope(roles.DEPLOYMENT) == (roles.ADMIN,)


def test_the_secretariat_grants_the_unit_roles_and_the_forum_only():
    assert [key for key in roles.KEYS if roles.may_grant("secretariat", key)] == [
        "opd", "kecamatan", "kelurahan", "forum"]
    assert all(roles.may_grant("admin", key) for key in roles.KEYS)
    assert not any(roles.may_grant(grantor, key) for grantor in ("chair", "opd", None) for key in roles.KEYS)


def test_forms_offer_the_least_powerful_role_first():
    ordered = roles.least_powerful_first(roles.KEYS)
    assert ordered[:3] == ["opd", "kecamatan", "kelurahan"] and ordered[-2:] == ["province", "admin"]
    assert [roles.scope_of(key) for key in ordered] == sorted((roles.scope_of(k) for k in roles.KEYS),
                                                               key=roles.SCOPE_REACH.get)
