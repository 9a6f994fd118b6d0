"""Persistence and use cases of Pantau KLA: models, engine and sessions, services, migrations."""
