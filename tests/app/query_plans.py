"""The query plans of the statements the pages send: every SELECT is captured with its parameters
while the pages run, then explained on the same database. A plan that reads a whole table of
per-region rows is a lookup without an index (it grows with the country)."""
from __future__ import annotations

import re
from contextlib import contextmanager

from sqlalchemy import Engine, event

# Tables that grow with the number of regions (and their units, answers and history); reading one
# whole is a missing index. The catalog, the region list and the settings tables stay small.
GROWING_TABLES = ("answer", "assignment", "reporting_unit", "app_user", "evaluation_cycle", "review_event",
                  "evidence_file", "audit_log", "case_statistic", "sign_in_session", "published_figures",
                  "official_area", "region_data_version", "target")


@contextmanager
def captured_selects():
    """Yields a list that fills with (statement, parameters) of every SELECT sent meanwhile."""
    seen: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")) and not executemany:
            seen.append((statement, parameters))

    event.listen(Engine, "before_cursor_execute", capture)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", capture)


def full_scans(engine: Engine, statements: list[tuple[str, object]], least_rows: int = 0) -> dict[str, list[str]]:
    """Growing table -> the statements whose plan reads it whole. SQLite (whose planner takes an
    index whenever one serves): a SCAN of the table, with or without an index. PostgreSQL (whose
    planner weighs the table statistics, so the database should be of a realistic shape and
    analysed): a Seq Scan of a table holding at least `least_rows` rows."""
    found: dict[str, list[str]] = {}
    unique = {(statement, repr(parameters)): parameters for statement, parameters in statements}
    postgres = engine.dialect.name == "postgresql"
    with engine.connect() as connection:
        cursor = connection.connection.cursor()
        if postgres:
            cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r'")
            big = {name for name, rows in cursor.fetchall() if rows >= least_rows}
        for (statement, _), parameters in unique.items():
            if postgres:
                cursor.execute("EXPLAIN (FORMAT JSON) " + statement, parameters)
                scanned = list(_whole_reads(cursor.fetchone()[0][0]["Plan"]))
            else:
                cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
                scanned = [match.group(1) for row in cursor.fetchall()
                           for match in re.finditer(r"\bSCAN (\w+)", str(row[-1]))]
            tables = {re.sub(r"_\d+$", "", name) for name in scanned} & set(GROWING_TABLES)
            for table in (tables & big if postgres else tables):
                found.setdefault(table, []).append(" ".join(statement.split()))
        cursor.close()
        connection.rollback()
    return found


def _whole_reads(node: dict):
    if node.get("Node Type") == "Seq Scan":
        yield node.get("Relation Name", "")
    for child in node.get("Plans", []):
        yield from _whole_reads(child)
