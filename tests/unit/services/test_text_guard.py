"""Any text a person types is either kept exactly (as its service cleans it) or refused with a
sentence naming the field, the same on SQLite and on PostgreSQL: a NUL character, other control
characters and texts longer than their column never reach the database, and no other error
escapes."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, func, select
from sqlalchemy import text as sql

from bootstrap import ensure_database
from data import audit
from data.db import unit_of_work
from data.errors import InvalidInput
from data.models import Answer, AuditLog, Question, Region, ReportingUnit, User
from data.services.accounts.admin import set_account_active
from data.services.accounts.auth import authenticate
from data.services.entry.answers import save_draft
from data.services.public.summary import public_summary
from data.services.regions.regions import rename_region
from data.services.review.cycle_admin import unpublish_cycle
from data.services.units.opds import add_opd, set_opd_active
from indicators.answers import AnswerValue
from seed.kupang import DEMO_PASSWORD

ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
CONTROL_TEXT = st.builds(lambda a, c, b: a + c + b, st.text(max_size=20),
                         st.sampled_from(["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x0b"]), st.text(max_size=20))


# Each test here picks SQLite, PostgreSQL or both itself.
pytestmark = pytest.mark.own_engines

@pytest.fixture(scope="module")
def sqlite_engine(tmp_path_factory):
    engine = ensure_database(f"sqlite:///{tmp_path_factory.mktemp('teks')}/pantau_kla.sqlite3")
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def postgres_engine(postgres_url):
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sql("drop database if exists teks_uji"))
        connection.execute(sql("create database teks_uji"))
    admin.dispose()
    engine = ensure_database(postgres_url.rsplit("/", 1)[0] + "/teks_uji")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request):
    return request.getfixturevalue(f"{request.param}_engine")


def stored_note(engine, code: str) -> tuple[str | None, int | None]:
    with unit_of_work(engine) as session:
        answer = session.scalar(select(Answer).join(Question, Answer.question_id == Question.id)
                                .join(ReportingUnit, Answer.reporting_unit_id == ReportingUnit.id)
                                .join(Region, Answer.region_id == Region.id)
                                .where(Question.code == code, ReportingUnit.short_name == "dp3a",
                                       Region.code == "53.71")  # the demo's neighbours have a dp3a too
                                .order_by(Answer.cycle_id.desc()))
        return (answer.note, answer.version) if answer else (None, None)


def expected_note(typed: str) -> str | None:
    """What the entry service keeps of a note: line ends unified, outer blanks trimmed."""
    return typed.replace("\r\n", "\n").strip() or None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.one_of(ANY_TEXT, CONTROL_TEXT))
def test_a_note_is_kept_exactly_or_refused_with_a_sentence_on_both_engines(engine, note):
    dp3a = authenticate(engine, "opd.dp3a", DEMO_PASSWORD)
    before, version = stored_note(engine, "2.3")
    try:
        save_draft(engine, dp3a, "2.3", AnswerValue(bool_value=True), note, version)
    except InvalidInput as refused:
        assert any("karakter kendali" in m or "terlalu panjang" in m for m in refused.messages), refused.messages
        assert stored_note(engine, "2.3") == (before, version)
        return
    kept, _ = stored_note(engine, "2.3")
    assert kept == expected_note(note)
    assert "\x00" not in (kept or "")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.one_of(ANY_TEXT, CONTROL_TEXT))
def test_a_unit_name_is_kept_or_refused_the_same_way_on_both_engines(engine, name):
    secretariat = authenticate(engine, "sekretariat", DEMO_PASSWORD)
    with unit_of_work(engine) as session:
        units_before = session.scalar(select(sql("count(*)")).select_from(ReportingUnit))
    try:
        add_opd(engine, secretariat, "Dinas Uji " + name, "dinas_uji")
    except InvalidInput as refused:
        assert refused.messages and all(isinstance(m, str) and m for m in refused.messages)
        with unit_of_work(engine) as session:
            assert session.scalar(select(sql("count(*)")).select_from(ReportingUnit)) == units_before
        return
    with unit_of_work(engine) as session:
        names = list(session.scalars(select(ReportingUnit.name)))
    assert all("\x00" not in n and not any(ord(c) < 32 for c in n) for n in names)


def test_a_nul_in_a_note_is_refused_with_the_field_named(sqlite_engine):
    dp3a = authenticate(sqlite_engine, "opd.dp3a", DEMO_PASSWORD)
    _, version = stored_note(sqlite_engine, "2.3")
    with pytest.raises(InvalidInput, match="Catatan memuat karakter kendali \\(kode 0x00\\)"):
        save_draft(sqlite_engine, dp3a, "2.3", AnswerValue(bool_value=True), "SK\x00 Gugus Tugas", version)


@pytest.mark.parametrize("engine_name", ["sqlite", "postgres"])
def test_a_text_longer_than_its_column_is_refused_on_both_engines_alike(request, engine_name):
    engine = request.getfixturevalue(f"{engine_name}_engine")
    with pytest.raises(InvalidInput, match="^Nama terlalu panjang \\(300 karakter\\); paling banyak 200 karakter.$"):
        with unit_of_work(engine) as session:   # no service checks this one first: the net does
            session.add(Region(code="99.99", name="N" * 300, kind="kota", province_code="99", province_name="Uji"))
    with unit_of_work(engine) as session:
        assert session.scalar(select(Region).where(Region.code == "99.99")) is None


INTERNAL_NAMES = ("audit_log", "entity_id", "app_user", "sqlalchemy", "psycopg", "DataError")


def refusal(call) -> str:
    with pytest.raises(InvalidInput) as refused:
        call()
    message = refused.value.message
    assert not any(name in message for name in INTERNAL_NAMES), message
    return message


def audit_rows(engine) -> int:
    with unit_of_work(engine) as session:
        return session.scalar(select(func.count()).select_from(AuditLog))


def test_a_nul_at_sign_in_and_in_look_ups_is_refused_before_any_query_on_both_engines(engine):
    before = audit_rows(engine)
    message = refusal(lambda: authenticate(engine, "opd.dinkes\x00x", "salah", "10.0.0.9"))
    assert message.startswith("Nama pengguna memuat karakter kendali (kode 0x00)")
    assert refusal(lambda: public_summary(engine, "53.71\x00")).startswith("Teks yang diisikan memuat karakter kendali")
    admin = authenticate(engine, "admin", DEMO_PASSWORD)
    refusal(lambda: rename_region(engine, admin, "53.71\x01", "Kota Kupang"))
    assert audit_rows(engine) == before + 1  # the administrator's sign-in only


@pytest.mark.parametrize("reason", ["pindah\x00tugas", "pindah\x1btugas"])
def test_a_control_character_in_a_reason_is_refused_and_changes_nothing(engine, reason):
    admin, chair = (authenticate(engine, name, DEMO_PASSWORD) for name in ("admin", "ketua"))
    before = audit_rows(engine)
    for call in (lambda: set_account_active(engine, admin, "opd.dinkes", False, reason),
                 lambda: set_opd_active(engine, admin, "dinkes", False, reason, "53.71"),
                 lambda: unpublish_cycle(engine, chair, 2023, reason, "53.71")):
        assert refusal(call).startswith("Alasan memuat karakter kendali")
    assert audit_rows(engine) == before
    with unit_of_work(engine) as session:
        assert session.scalar(select(User.active).where(User.username == "opd.dinkes")) is True


def test_the_net_names_no_table_when_no_service_checked_first(sqlite_engine):
    with pytest.raises(InvalidInput) as refused:
        with unit_of_work(sqlite_engine) as session:
            audit.record(session, None, "uji", "uji", "a\x00b", None, {"alasan": "c\x07d"})
    assert refused.value.messages == [
        "Teks yang diisikan memuat karakter kendali (kode 0x00) yang tidak dapat disimpan; karakter itu sering "
        "terbawa saat menyalin dari PDF atau Excel. Ketik ulang bagian itu, lalu simpan lagi.",
        "Teks yang diisikan memuat karakter kendali (kode 0x07) yang tidak dapat disimpan; karakter itu sering "
        "terbawa saat menyalin dari PDF atau Excel. Ketik ulang bagian itu, lalu simpan lagi."]
