"""What a focal point typed on the entry page and has not saved yet, kept per account so that a
reload or leaving the page loses nothing: private scratch, never an answer (no status, no
version, no score, read by no one else)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, one_of, utc_now

DRAFT_SOURCES = ("form", "table")


class TypedDraft(Base):
    """One question's unsaved typing by one account in one cycle, from the question's form
    (widget values) or the table (its text cells), with the answer version it was typed against."""

    __tablename__ = "typed_draft"
    __table_args__ = (UniqueConstraint("user_id", "cycle_id", "question_code", "source"),
                      CheckConstraint(one_of("source", DRAFT_SOURCES), name="source"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    cycle_id: Mapped[int] = mapped_column(ForeignKey("evaluation_cycle.id"))
    question_code: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(8))
    typed: Mapped[dict[str, Any]]
    base_version: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
