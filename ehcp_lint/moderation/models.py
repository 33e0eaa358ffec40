"""Database tables of the moderation store (SQLAlchemy 2.x, created by the Alembic migrations).

A pre-audit result is written once and never updated: a moderation is a separate row that points
at the pre-audit it agreed with or overrode, so both are always kept.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class PlanRow(Base):
    """A plan file, known by the sha256 of its bytes (the path is only where it was last seen)."""

    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(8))
    plan_metadata: Mapped[dict] = mapped_column("metadata", JSON)
    text: Mapped[str | None] = mapped_column(Text, default=None)  # only when the user asks
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    pre_audits: Mapped[list[PreAuditRow]] = relationship(back_populates="plan")


class PreAuditRow(Base):
    """What ehcp-lint said about a plan: score, grades and findings. Never updated."""

    __tablename__ = "pre_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    tool_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    score: Mapped[float] = mapped_column(Float)
    grade: Mapped[str] = mapped_column(String(24))
    sections: Mapped[dict] = mapped_column(JSON)  # {"A": {"score", "grade"}, ...}
    caps: Mapped[list] = mapped_column(JSON)
    findings: Mapped[list] = mapped_column(JSON)

    plan: Mapped[PlanRow] = relationship(back_populates="pre_audits")


class AuditRoundRow(Base):
    """An audit round: the sample of plans drawn for auditors to moderate."""

    __tablename__ = "audit_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    source: Mapped[str | None] = mapped_column(Text, default=None)  # the sample list's file name


class RoundPlanRow(Base):
    """A plan in an audit round's sample, with why it was drawn."""

    __tablename__ = "round_plan"
    __table_args__ = (UniqueConstraint("round_id", "plan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("audit_round.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")


class DeclarationRow(Base):
    """An auditor's "I know this child": they may not moderate this plan."""

    __tablename__ = "declaration"
    __table_args__ = (UniqueConstraint("plan_id", "auditor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    auditor: Mapped[str] = mapped_column(String(200))
    declared_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ModerationRow(Base):
    """An auditor's overall grade for a plan, against the pre-audit it moderated."""

    __tablename__ = "moderation"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    pre_audit_id: Mapped[int] = mapped_column(ForeignKey("pre_audit.id"))
    round_id: Mapped[int | None] = mapped_column(ForeignKey("audit_round.id"), default=None)
    auditor: Mapped[str] = mapped_column(String(200), index=True)
    moderated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    grade: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text, default="")

    sections: Mapped[list[ModeratedSectionRow]] = relationship(
        back_populates="moderation", order_by="ModeratedSectionRow.position"
    )


class ModeratedSectionRow(Base):
    """One section's grade in a moderation: the pre-audit's grade, agreed or overridden."""

    __tablename__ = "moderated_section"
    __table_args__ = (UniqueConstraint("moderation_id", "section"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    moderation_id: Mapped[int] = mapped_column(ForeignKey("moderation.id"), index=True)
    section: Mapped[str] = mapped_column(String(2))
    position: Mapped[int] = mapped_column()  # statutory order A..K
    grade: Mapped[str] = mapped_column(String(24))
    overridden: Mapped[bool] = mapped_column(Boolean)

    moderation: Mapped[ModerationRow] = relationship(back_populates="sections")
