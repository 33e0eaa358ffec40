"""Alembic environment: run on the connection the store opened (see store.upgrade_schema)."""

from __future__ import annotations

from alembic import context

from ehcp_lint.moderation.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things in place: batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
