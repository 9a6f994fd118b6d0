"""First start: bring the schema up to date and, when the database is empty, load the demo.
An entry point beside app.py and manage.py, so that data/ never imports seed/."""
from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from data.db import make_engine, migrate, unit_of_work
from data.errors import WriteConflict
from data.models import Region
from data.services.catalog.catalog_admin import ensure_default_catalog
from data.services.kelana.public_kelana import freeze_unfrozen_cycles
from data.services.regions.official_list import ensure_official_list
from seed.demo import seed_demo


def ensure_database(url: str | None = None, load_demo: bool = True) -> Engine:
    """The engine of a migrated database holding the official Kemendagri list; the Kota Kupang
    demo is loaded when no region exists (and load_demo), else the shipped instrument is stored so
    that a real region can open its first cycle."""
    engine = make_engine(url)
    migrate(engine)
    ensure_official_list(engine)
    if not load_demo:
        ensure_default_catalog(engine)
    if load_demo:
        with unit_of_work(engine) as session:
            empty = session.scalar(select(func.count(Region.id))) == 0
        if empty:
            try:
                seed_demo(engine)
            except IntegrityError:
                pass  # another process loaded it at the same moment; its demo stands
    try:
        freeze_unfrozen_cycles(engine)
    except WriteConflict:
        pass  # another process kept them at the same moment
    return engine
