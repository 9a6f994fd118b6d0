"""The tables of the task force's work beyond the scores: the action plan (RAD KLA) and its
progress reports, the Gugus Tugas meetings (Rakor) with their attendance, and the Forum Anak's own
view of each cluster."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, one_of, utc_now

ACTION_STATUSES = ("proposed", "in_progress", "done", "cancelled")  # indicators.actions holds their rules


class ActionPlan(Base):
    """An action of the region's plan (RAD KLA) for a cycle: the indicator (and questions) it
    serves, the lead OPD and the supporting ones, its output, due date, budget and progress."""

    __tablename__ = "action_plan"
    __table_args__ = (
        Index("ix_action_plan_region_id_cycle_id", "region_id", "cycle_id"),
        Index("ix_action_plan_lead_unit_id", "lead_unit_id"),
        CheckConstraint(one_of("status", ACTION_STATUSES), name="status"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress_percent"),
        CheckConstraint("budget_amount >= 0", name="budget_not_negative"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    cycle_id: Mapped[int] = mapped_column(ForeignKey("evaluation_cycle.id"))
    indicator_code: Mapped[str] = mapped_column(String(32))
    question_codes: Mapped[list[Any]] = mapped_column(default=list)
    title: Mapped[str] = mapped_column(String(200))
    output: Mapped[str | None] = mapped_column(Text)
    lead_unit_id: Mapped[int] = mapped_column(ForeignKey("reporting_unit.id"))
    supporting_unit_ids: Mapped[list[Any]] = mapped_column(default=list)
    due_date: Mapped[date]
    budget_amount: Mapped[float | None] = mapped_column(Float)
    budget_source: Mapped[str | None] = mapped_column(String(32))
    points: Mapped[float | None] = mapped_column(Float)  # what the gap it closes is worth
    status: Mapped[str] = mapped_column(String(16), default="proposed")
    progress: Mapped[float] = mapped_column(Float, default=0)
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))  # the Rakor that decided it


class ActionUpdate(Base):
    """A progress report on an action: status, percent done, a note and optional evidence."""

    __tablename__ = "action_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action_plan.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    status: Mapped[str] = mapped_column(String(16))
    progress: Mapped[float] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)
    filename: Mapped[str | None] = mapped_column(String(255))
    content_type: Mapped[str | None] = mapped_column(String(100))
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


MEETING_STATUSES = ("planned", "held")  # indicators.meetings holds their rules


class Meeting(Base):
    """A Rakor of the Gugus Tugas for a cycle: when and where, the agenda drawn from the cycle's state
    when it was prepared, and after it the minutes; the previous meeting whose decisions it follows up."""

    __tablename__ = "meeting"
    __table_args__ = (
        Index("ix_meeting_region_id_cycle_id", "region_id", "cycle_id"),
        CheckConstraint(one_of("status", MEETING_STATUSES), name="status"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    cycle_id: Mapped[int] = mapped_column(ForeignKey("evaluation_cycle.id"))
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date]
    place: Mapped[str | None] = mapped_column(String(200))
    agenda: Mapped[list[Any]] = mapped_column(default=list)  # [{"topic": ..., "items": [...]}]
    minutes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    previous_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    version: Mapped[int] = mapped_column(default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class MeetingAttendance(Base):
    """Whether an OPD came to a meeting, and who represented it."""

    __tablename__ = "meeting_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "reporting_unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"))
    reporting_unit_id: Mapped[int] = mapped_column(ForeignKey("reporting_unit.id"))
    present: Mapped[bool] = mapped_column(default=False)
    representative: Mapped[str | None] = mapped_column(String(200))


class ForumView(Base):
    """The Forum Anak's own view of one cluster for a cycle: a rating, a short comment and the day the
    children met. No child's name is stored."""

    __tablename__ = "forum_view"
    __table_args__ = (
        UniqueConstraint("cycle_id", "group_code"),
        CheckConstraint("rating >= 1 AND rating <= 5", name="rating_scale"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    cycle_id: Mapped[int] = mapped_column(ForeignKey("evaluation_cycle.id"))
    group_code: Mapped[str] = mapped_column(String(32))
    rating: Mapped[int]
    comment: Mapped[str | None] = mapped_column(Text)
    met_on: Mapped[date]
    version: Mapped[int] = mapped_column(default=1)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utc_now)
