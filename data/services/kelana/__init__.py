"""Kelana Dekela: the city's answers that follow from its kecamatan and kelurahan, kept in line
by `derived_answers.recompute` in the transaction of whatever changed them, and where each unit
stands, for the task force and (verified figures of published cycles only) for the public (kelana)."""
