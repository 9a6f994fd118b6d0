"""The database schema of Pantau KLA as SQLAlchemy 2 typed declarative models: the regions, units,
accounts, instrument, cycles, answers and published figures here; the action plans, meetings and the
Forum Anak's views in data.models.coordination, the mail server and the reminders sent in
data.models.outreach (imported below, so `from data.models import X`
reaches every table and Base.metadata holds them all).

Every constraint gets a name from NAMING_CONVENTION (data.models.base, or an explicit one), so
Alembic migrations can address it by the same name on SQLite and PostgreSQL.
Every timestamp is stored and returned as an aware datetime in UTC.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from data.models.base import Base, one_of, utc_now
from indicators import roles
from indicators.workflow import CYCLE_OPEN, CYCLE_STATUSES, DRAFT, RETURNED, SUBMITTED, VERIFIED

REGION_KINDS = ("kota", "kabupaten", "provinsi")
UNIT_KINDS = ("opd", "kecamatan", "kelurahan")
CITY_UNIT_KIND = "opd"
"""The kind of unit whose answers are the city's (kecamatan and kelurahan answer their own part)."""
ROLES = roles.KEYS  # the roles registry (indicators/roles.py); a change there needs a migration of the CHECK
ANSWER_TYPES = ("yes_no", "graded", "choice", "percentage", "count")
ANSWERED_BY = ("city", "every_kecamatan", "every_desa_kelurahan")
ANSWER_STATUSES = (DRAFT, SUBMITTED, RETURNED, VERIFIED)
REVIEW_ACTIONS = ("submit", "verify", "return", "reopen")
VIOLENCE_TYPES = ("fisik", "psikis", "seksual", "eksploitasi", "trafficking", "penelantaran", "lainnya")
VICTIM_GROUPS = ("perempuan_dewasa", "anak")
VICTIM_SEXES = ("perempuan", "laki_laki")
AGE_GROUPS = ("0-5", "6-12", "13-17", "18+")


class Region(Base):
    __tablename__ = "region"
    __table_args__ = (CheckConstraint(one_of("kind", REGION_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    province_code: Mapped[str] = mapped_column(String(8))
    province_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class ReportingUnit(Base):
    __tablename__ = "reporting_unit"
    __table_args__ = (
        UniqueConstraint("region_id", "short_name"),
        Index("ix_reporting_unit_parent_id", "parent_id"),
        Index("ix_reporting_unit_import_batch", "import_batch"),
        CheckConstraint(one_of("kind", UNIT_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    kind: Mapped[str] = mapped_column(String(16))
    short_name: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("reporting_unit.id"))
    # Kemendagri code of a kecamatan (53.71.01) or desa/kelurahan (53.71.01.1001); OPDs have none.
    code: Mapped[str | None] = mapped_column(String(20))
    # The catalog data-source keys an OPD answers for (DP3AP2KB answers for "dp3a").
    data_sources: Mapped[list[Any]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    # The import that created the unit (its audit row "units.import" names it): undone while empty.
    import_batch: Mapped[str | None] = mapped_column(String(32))

    region: Mapped[Region] = relationship()
    parent: Mapped[ReportingUnit | None] = relationship(remote_side=[id])


class User(Base):
    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint(one_of("role", ROLES), name="role"),
        Index("ix_app_user_region_id", "region_id"),
        Index("ix_app_user_reporting_unit_id", "reporting_unit_id"),
        Index("ix_app_user_role", "role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    reporting_unit_id: Mapped[int | None] = mapped_column(ForeignKey("reporting_unit.id"))
    # The Kemendagri code of the province a province verifier serves (53: Nusa Tenggara Timur).
    province_code: Mapped[str | None] = mapped_column(String(2))
    active: Mapped[bool] = mapped_column(default=True)
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    # Set by a reset or a one-time password: the next sign-in must choose a new password.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # Moves on with every password change or reset: sessions signed in before it end.
    session_generation: Mapped[int] = mapped_column(default=0)
    # Failed sign-ins in a row, and until when the account is locked after too many.
    failed_sign_ins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)

    region: Mapped[Region | None] = relationship()
    reporting_unit: Mapped[ReportingUnit | None] = relationship()


OFFICIAL_AREA_LEVELS = ("provinsi", "kabupaten", "kota", "kecamatan", "kelurahan", "desa")


SESSION_END_REASONS = ("sign_out", "sign_out_everywhere", "idle", "expired", "password", "account")


class SignInSession(Base):
    """One signed-in browser: the cookie carries a random token whose SHA-256 is kept here, so a
    session can be ended from the server (sign-out, everywhere, a password change) and expires
    after an idle time and an absolute lifetime. Until the browser claims its cookie, the session
    holds only the hash of a one-time hand-over code."""

    __tablename__ = "sign_in_session"
    __table_args__ = (
        CheckConstraint(f"end_reason IS NULL OR {one_of('end_reason', SESSION_END_REASONS)}", name="end_reason"),
        Index("ix_sign_in_session_user_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    handover_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    handover_expires_at: Mapped[datetime | None]
    session_generation: Mapped[int] = mapped_column(default=0)
    client: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(32))


class SignInClient(Base):
    """Failed sign-ins in a row from one network address, whatever the usernames tried: guessing
    across many accounts from one place is slowed down like guessing one account's password."""

    __tablename__ = "sign_in_client"

    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    failed_sign_ins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_failure_at: Mapped[datetime | None]


class OfficialArea(Base):
    """One entry of the official Kemendagri list of region codes, the reference against which
    regions, kecamatan and kelurahan are checked (a deployment may load a newer list)."""

    __tablename__ = "official_area"
    __table_args__ = (
        CheckConstraint(one_of("level", OFFICIAL_AREA_LEVELS), name="level"),
        Index("ix_official_area_level", "level"),
    )

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))
    parent_code: Mapped[str | None] = mapped_column(String(20), index=True)
    list_name: Mapped[str] = mapped_column(String(100))


class CatalogVersion(Base):
    __tablename__ = "catalog_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(32), unique=True)
    title_id: Mapped[str | None] = mapped_column(Text)
    title_en: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    total_points: Mapped[float] = mapped_column(Float)
    predikat: Mapped[list[Any]]
    resolutions: Mapped[list[Any]]
    data_sources: Mapped[dict[str, Any]]
    loaded_from: Mapped[str | None] = mapped_column(String(500))
    loaded_at: Mapped[datetime] = mapped_column(default=utc_now)

    groups: Mapped[list[CatalogGroup]] = relationship(
        back_populates="catalog_version", order_by="CatalogGroup.position"
    )


class CatalogGroup(Base):
    __tablename__ = "catalog_group"
    __table_args__ = (
        UniqueConstraint("catalog_version_id", "code"),
        CheckConstraint("max_points >= 0", name="max_points_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_version.id"))
    code: Mapped[str] = mapped_column(String(32))
    name_id: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    definition_id: Mapped[str | None] = mapped_column(Text)
    definition_en: Mapped[str | None] = mapped_column(Text)
    max_points: Mapped[float] = mapped_column(Float)
    position: Mapped[int]

    catalog_version: Mapped[CatalogVersion] = relationship(back_populates="groups")
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="group", order_by="Indicator.position"
    )


class Indicator(Base):
    __tablename__ = "indicator"
    __table_args__ = (
        UniqueConstraint("catalog_version_id", "code"),
        CheckConstraint("max_points >= 0", name="max_points_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_version.id"))
    group_id: Mapped[int] = mapped_column(ForeignKey("catalog_group.id"))
    code: Mapped[str] = mapped_column(String(32))
    name_id: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    definition_id: Mapped[str | None] = mapped_column(Text)
    definition_en: Mapped[str | None] = mapped_column(Text)
    max_points: Mapped[float] = mapped_column(Float)
    position: Mapped[int]

    group: Mapped[CatalogGroup] = relationship(back_populates="indicators")
    questions: Mapped[list[Question]] = relationship(
        back_populates="indicator", order_by="Question.position"
    )


class Question(Base):
    __tablename__ = "question"
    __table_args__ = (
        UniqueConstraint("catalog_version_id", "code"),
        CheckConstraint("max_points >= 0", name="max_points_not_negative"),
        CheckConstraint(one_of("answer_type", ANSWER_TYPES), name="answer_type"),
        CheckConstraint(one_of("answered_by", ANSWERED_BY), name="answered_by"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_version.id"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"))
    code: Mapped[str] = mapped_column(String(32))
    prompt_id: Mapped[str] = mapped_column(Text)
    prompt_en: Mapped[str | None] = mapped_column(Text)
    help_id: Mapped[str | None] = mapped_column(Text)
    help_en: Mapped[str | None] = mapped_column(Text)
    answer_type: Mapped[str] = mapped_column(String(16))
    answer_rule: Mapped[dict[str, Any]]
    max_points: Mapped[float] = mapped_column(Float)
    data_sources: Mapped[list[Any]]
    answered_by: Mapped[str] = mapped_column(String(32))
    unit_prompt_id: Mapped[str | None] = mapped_column(Text)
    unit_prompt_en: Mapped[str | None] = mapped_column(Text)
    derivation: Mapped[str | None] = mapped_column(String(32))
    evidence_id: Mapped[str | None] = mapped_column(Text)
    evidence_en: Mapped[str | None] = mapped_column(Text)
    evidence_required: Mapped[bool] = mapped_column(default=False)
    assumption: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int]

    indicator: Mapped[Indicator] = relationship(back_populates="questions")


class EvaluationCycle(Base):
    __tablename__ = "evaluation_cycle"
    __table_args__ = (
        UniqueConstraint("region_id", "year"),
        Index("ix_evaluation_cycle_published_region_id", "published", "region_id"),
        Index("ix_evaluation_cycle_year", "year"),  # the readiness board reads one year of every region
        CheckConstraint(one_of("status", CYCLE_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    year: Mapped[int]
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_version.id"))
    status: Mapped[str] = mapped_column(String(16), default=CYCLE_OPEN)
    deadline: Mapped[date | None] = mapped_column(Date)
    published: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Why the chair published with fewer verified questions than the deployment's minimum; public.
    publication_note: Mapped[str | None] = mapped_column(Text)
    # The province's administrative verification declared finished (the city may then publish).
    province_done_at: Mapped[datetime | None]
    province_done_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    region: Mapped[Region] = relationship()
    catalog_version: Mapped[CatalogVersion] = relationship()


class Assignment(Base):
    """A question of the catalog assigned to a reporting unit of a region."""

    __tablename__ = "assignment"
    __table_args__ = (UniqueConstraint("region_id", "question_id", "reporting_unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"))
    reporting_unit_id: Mapped[int] = mapped_column(ForeignKey("reporting_unit.id"))


class Answer(Base):
    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("cycle_id", "question_id", "reporting_unit_id"),
        Index("ix_answer_region_id_cycle_id", "region_id", "cycle_id"),
        CheckConstraint(one_of("status", ANSWER_STATUSES), name="status"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("self_points >= 0", name="self_points_not_negative"),
        CheckConstraint("verified_points >= 0", name="verified_points_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    cycle_id: Mapped[int] = mapped_column(ForeignKey("evaluation_cycle.id"))
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"))
    reporting_unit_id: Mapped[int] = mapped_column(ForeignKey("reporting_unit.id"))
    bool_value: Mapped[bool | None]
    choice_code: Mapped[str | None] = mapped_column(String(64))
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    count_value: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=DRAFT)
    # Optimistic lock: a save names the version it was read at and is refused if it moved on.
    version: Mapped[int] = mapped_column(default=1)
    self_points: Mapped[float | None] = mapped_column(Float)
    verified_points: Mapped[float | None] = mapped_column(Float)
    verified_reason: Mapped[str | None] = mapped_column(Text)
    return_reason: Mapped[str | None] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    submitted_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    verified_at: Mapped[datetime | None]
    # The province's administrative verification: its points where they differ or confirm, why,
    # and a question sent back to the city with a reason.
    province_points: Mapped[float | None] = mapped_column(Float)
    province_reason: Mapped[str | None] = mapped_column(Text)
    province_return_reason: Mapped[str | None] = mapped_column(Text)
    province_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    province_at: Mapped[datetime | None]
    # The round trip of a province return: the date by which the city answers, whether an answer
    # after it is refused (strict) or flagged late, when the city sent it back and with what note,
    # and how many returns, fixes and re-checks the answer went through.
    province_return_due: Mapped[date | None] = mapped_column(Date)
    province_return_strict: Mapped[bool] = mapped_column(default=False)
    province_fixed_at: Mapped[datetime | None]
    province_fix_note: Mapped[str | None] = mapped_column(Text)
    province_fix_late: Mapped[bool] = mapped_column(default=False)
    province_returns: Mapped[int] = mapped_column(default=0)
    province_fixes: Mapped[int] = mapped_column(default=0)
    province_rechecks: Mapped[int] = mapped_column(default=0)


class EvidenceFile(Base):
    __tablename__ = "evidence_file"
    __table_args__ = (
        CheckConstraint("size_bytes >= 0", name="size_bytes_not_negative"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint("file_version >= 1", name="file_version_positive"),
        # One current file of a name per answer: two uploads of one name at once cannot both stay.
        Index("uq_evidence_file_current_name", "answer_id", "filename", unique=True,
              sqlite_where=text("NOT superseded"), postgresql_where=text("NOT superseded")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    # Deferred so that listing the files of an answer does not read every file's bytes.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    file_version: Mapped[int] = mapped_column(default=1)
    superseded: Mapped[bool] = mapped_column(default=False)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utc_now)


class ReviewEvent(Base):
    __tablename__ = "review_event"
    __table_args__ = (
        CheckConstraint(one_of("action", REVIEW_ACTIONS), name="action"),
        CheckConstraint("points >= 0", name="points_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    action: Mapped[str] = mapped_column(String(16))
    from_status: Mapped[str] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    points: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class PublishedFigures(Base):
    """What the public saw of a cycle when it was published, kept so that later changes of units
    or names do not move published figures (kind: "kelana", the breakdown per kecamatan)."""

    __tablename__ = "published_figures"
    __table_args__ = (UniqueConstraint("cycle_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("evaluation_cycle.id"))
    kind: Mapped[str] = mapped_column(String(32))
    content: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class AuditLog(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity_entity_id", "entity", "entity_id"),
                      Index("ix_audit_log_region_id_action", "region_id", "action"),
                      Index("ix_audit_log_actor_id", "actor_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utc_now)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class CaseStatistic(Base):
    """Klaster V case counts (SIMFONI-PPA categories). Aggregate counts only: never add a
    column that could identify a victim (name, NIK, address, birth date)."""

    __tablename__ = "case_statistic"
    __table_args__ = (
        # place and service are '' rather than NULL when unknown: NULLs never collide in a
        # UNIQUE constraint, so the same category could otherwise be counted twice.
        UniqueConstraint(
            "region_id",
            "year",
            "violence_type",
            "victim_group",
            "victim_sex",
            "age_group",
            "cause",
            "source",
            "place",
            "service",
            name="uq_case_statistic_category",
        ),
        CheckConstraint("case_count >= 0", name="case_count_not_negative"),
        CheckConstraint(one_of("violence_type", VIOLENCE_TYPES), name="violence_type"),
        CheckConstraint(one_of("victim_group", VICTIM_GROUPS), name="victim_group"),
        CheckConstraint(one_of("victim_sex", VICTIM_SEXES), name="victim_sex"),
        CheckConstraint(one_of("age_group", AGE_GROUPS), name="age_group"),
        CheckConstraint(
            "(victim_group = 'anak' AND age_group <> '18+')"
            " OR (victim_group = 'perempuan_dewasa' AND age_group = '18+'"
            " AND victim_sex = 'perempuan')",
            name="victim_group_consistent",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    year: Mapped[int]
    violence_type: Mapped[str] = mapped_column(String(32))
    victim_group: Mapped[str] = mapped_column(String(32))
    victim_sex: Mapped[str] = mapped_column(String(16))
    age_group: Mapped[str] = mapped_column(String(8))
    cause: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(64))
    place: Mapped[str] = mapped_column(String(64), default="")
    service: Mapped[str] = mapped_column(String(64), default="")
    case_count: Mapped[int]

    region: Mapped[Region] = relationship()


class Target(Base):
    __tablename__ = "target"
    __table_args__ = (
        CheckConstraint("target_points >= 0", name="target_points_not_negative"),
        Index("ix_target_cycle_id", "cycle_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    cycle_id: Mapped[int] = mapped_column(ForeignKey("evaluation_cycle.id"))
    indicator_code: Mapped[str | None] = mapped_column(String(32))
    question_id: Mapped[int | None] = mapped_column(ForeignKey("question.id"))
    target_points: Mapped[float | None] = mapped_column(Float)
    target_value: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)


class DataVersion(Base):
    """One row (id 1) whose version every write service bumps, so that caches in every
    app process can key on it and see a write at once."""

    __tablename__ = "data_version"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(default=0)


class RegionDataVersion(Base):
    """A region's own write counter (its pages' caches key on it with the deployment's), and the
    counter of what its public pages show."""

    __tablename__ = "region_data_version"

    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(default=0)
    public_version: Mapped[int] = mapped_column(default=0)


from data.models.coordination import (  # noqa: E402  (the tables that build on those above)
    ACTION_STATUSES,
    MEETING_STATUSES,
    ActionPlan,
    ActionUpdate,
    ForumView,
    Meeting,
    MeetingAttendance,
)
from data.models.drafts import DRAFT_SOURCES, TypedDraft  # noqa: E402
from data.models.outreach import DELIVERY_OUTCOMES, MAIL_SECURITY, MailServer, ReminderDelivery  # noqa: E402

__all__ = [
    "ACTION_STATUSES", "AGE_GROUPS", "DELIVERY_OUTCOMES", "MAIL_SECURITY", "MailServer", "ReminderDelivery",
    "ANSWERED_BY", "DRAFT_SOURCES", "TypedDraft", "ANSWER_STATUSES", "ANSWER_TYPES", "ActionPlan",
    "ActionUpdate", "Answer", "Assignment", "AuditLog", "Base", "CITY_UNIT_KIND", "CYCLE_STATUSES",
    "CaseStatistic", "CatalogGroup", "CatalogVersion", "DataVersion", "EvaluationCycle", "EvidenceFile",
    "ForumView", "Indicator", "MEETING_STATUSES", "Meeting", "MeetingAttendance", "OFFICIAL_AREA_LEVELS",
    "OfficialArea", "PublishedFigures", "Question", "REGION_KINDS", "REVIEW_ACTIONS", "ROLES", "Region",
    "RegionDataVersion", "ReportingUnit", "ReviewEvent", "SESSION_END_REASONS", "SignInClient",
    "SignInSession", "Target", "UNIT_KINDS", "User", "VICTIM_GROUPS", "VICTIM_SEXES", "VIOLENCE_TYPES",
    "one_of", "utc_now",
]
