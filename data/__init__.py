"""Persistence and use cases of Pantau KLA. Imports neither streamlit, ui/ nor seed/.

    models.py        SQLAlchemy tables            db.py          engine, unit_of_work, data version
    errors.py        domain errors (one message a person can act on)
    actor.py         the acting user, and COMMAND_LINE (manage.py) instead of None
    access.py        every role set, require_*/may_* check, the regions an actor may see
    lookups.py       region, cycle, previous cycle, unit, a cycle's catalog
    answer_store.py  the version-guarded answer write, its stale error, the audited answer state
    audit.py         the audit row, in the caller's transaction
    catalog_store.py a catalog version stored and loaded
    files/           file formats (xlsx, csv, pdf) apart from the use cases
    services/        the use cases, one package per feature
    migrations/      Alembic
"""
