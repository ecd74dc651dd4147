"""Alembic migration scripts for the store (see ``sitreps.store.migrate``)."""
