"""Persistence: one SQLite database per device (WAL, 0600, versioned schema)."""

from ._db import SCHEMA_VERSION, Database, StoreError, Transaction

__all__ = ["SCHEMA_VERSION", "Database", "StoreError", "Transaction"]
