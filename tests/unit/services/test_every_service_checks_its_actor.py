"""Every use case of data/services that takes the acting user refuses an actor whose account was
deactivated, in every role, with PermissionDenied: found by introspection (every public function
of every module under data/services taking an engine and an `actor` or `user`), so a new service
is covered the day it is written. The other arguments are placeholders: a service must check who
acts before it reads what it was given."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date

from sqlalchemy import update

import data.services
from data.db import unit_of_work
from data.errors import PermissionDenied
from data.models import User
from review_fixtures import account

ACCOUNTS = {"admin": "admin", "secretariat": "sekretariat", "chair": "ketua", "member": "anggota",
            "opd": "opd.dp3a", "kecamatan": "kec.alak", "kelurahan": "kel.oesapa", "forum": "forum.anak",
            "province": "provinsi.ntt"}
# The sign-in sessions themselves: started right after the password was checked (an inactive
# account never gets one), ended or renewed for the account's own browser.
NOT_ABOUT_THE_ACCOUNT = {"start", "end_everywhere", "keep_after_password_change"}
PLACEHOLDERS = {str: "uji", int: 1, float: 1.0, bool: True, bytes: b"", date: date(2025, 1, 1)}


def use_cases() -> list:
    found = []
    for info in pkgutil.walk_packages(data.services.__path__, "data.services."):
        module = importlib.import_module(info.name)
        for name, function in sorted(vars(module).items()):
            if name.startswith("_") or not inspect.isfunction(function) or function.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters[:1] == ["engine"] and {"actor", "user"} & set(parameters):
                found.append(function)
    return found


# Real names of the demo where a service looks its argument up (a made-up name would be refused
# as unknown, which is not the finding looked for).
BY_NAME = {"region_code": "53.71", "short_name": "dp3a", "unit_short_name": "dp3a", "username": "opd.dp3a",
           "question_code": "1.1", "indicator_code": "1", "code": "53.71", "province_code": "53", "kind": "kecamatan"}


def placeholder(parameter: inspect.Parameter):
    if parameter.name in BY_NAME:
        return BY_NAME[parameter.name]
    annotation = str(parameter.annotation)
    for kind, value in PLACEHOLDERS.items():
        if annotation.startswith(kind.__name__):
            return value
    if "year" in parameter.name:
        return 2025
    if parameter.name.endswith(("_id", "version")):
        return 1
    return "uji"


def call_as(function, engine, actor):
    arguments = {}
    for name, parameter in inspect.signature(function).parameters.items():
        if name == "engine":
            arguments[name] = engine
        elif name in ("actor", "user"):
            arguments[name] = actor
        elif parameter.default is inspect.Parameter.empty and parameter.kind is not parameter.VAR_KEYWORD:
            arguments[name] = placeholder(parameter)
    return function(**arguments)


def test_the_scan_finds_the_use_cases():
    names = {f"{function.__module__}.{function.__name__}" for function in use_cases()}
    assert {"data.services.units.opds.opd_list", "data.services.review.review.verify",
            "data.services.entry.sheet.entry_sheet"} <= names
    assert len(names) > 100


def test_every_use_case_refuses_a_deactivated_account_in_every_role(seeded_engine):
    actors = {role: account(seeded_engine, username) for role, username in ACCOUNTS.items()}
    with unit_of_work(seeded_engine) as session:
        session.execute(update(User).where(User.username.in_(list(ACCOUNTS.values()))).values(active=False))
    cases = use_cases()
    offending = []
    for function in cases:
        if function.__name__ in NOT_ABOUT_THE_ACCOUNT:
            continue
        for role, actor in actors.items():
            try:
                call_as(function, seeded_engine, actor)
            except PermissionDenied:
                continue
            except Exception as error:  # noqa: BLE001  (what it raised instead is the finding)
                offending.append(f"{function.__module__}.{function.__name__} as {role}: {type(error).__name__}")
            else:
                offending.append(f"{function.__module__}.{function.__name__} as {role}: allowed")
            break
    assert offending == [], f"{len(offending)} of {len(cases)} use cases:\n" + "\n".join(offending)
