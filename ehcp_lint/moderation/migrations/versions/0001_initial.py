"""Plans, pre-audit results, audit rounds, declarations and moderations.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("metadata", sa.JSON, nullable=False),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_table(
        "pre_audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plan.id"), nullable=False, index=True),
        sa.Column("tool_version", sa.String(32), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("grade", sa.String(24), nullable=False),
        sa.Column("sections", sa.JSON, nullable=False),
        sa.Column("caps", sa.JSON, nullable=False),
        sa.Column("findings", sa.JSON, nullable=False),
    )
    op.create_table(
        "audit_round",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("source", sa.Text, nullable=True),
    )
    op.create_table(
        "round_plan",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "round_id", sa.Integer, sa.ForeignKey("audit_round.id"), nullable=False, index=True
        ),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plan.id"), nullable=False, index=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.UniqueConstraint("round_id", "plan_id"),
    )
    op.create_table(
        "declaration",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plan.id"), nullable=False, index=True),
        sa.Column("auditor", sa.String(200), nullable=False),
        sa.Column("declared_at", WHEN, nullable=False),
        sa.UniqueConstraint("plan_id", "auditor"),
    )
    op.create_table(
        "moderation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plan.id"), nullable=False, index=True),
        sa.Column("pre_audit_id", sa.Integer, sa.ForeignKey("pre_audit.id"), nullable=False),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("audit_round.id"), nullable=True),
        sa.Column("auditor", sa.String(200), nullable=False, index=True),
        sa.Column("moderated_at", WHEN, nullable=False),
        sa.Column("grade", sa.String(24), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_table(
        "moderated_section",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "moderation_id",
            sa.Integer,
            sa.ForeignKey("moderation.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("section", sa.String(2), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("grade", sa.String(24), nullable=False),
        sa.Column("overridden", sa.Boolean, nullable=False),
        sa.UniqueConstraint("moderation_id", "section"),
    )


def downgrade() -> None:
    for table in (
        "moderated_section",
        "moderation",
        "declaration",
        "round_plan",
        "audit_round",
        "pre_audit",
        "plan",
    ):
        op.drop_table(table)
