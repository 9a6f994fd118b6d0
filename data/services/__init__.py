"""Use cases, grouped by feature: one function per action, each taking the acting user, checking
the permission (data.access), validating with the domain rules (indicators/), writing the audit
row and committing in one transaction (data.db.unit_of_work).

    accounts/  sign-in, accounts, passwords        entry/    a unit's answers, evidence, Excel template
    review/    verification, completeness, cycles  kelana/   Kelana Dekela: derived city answers, breakdown
    scoring/   scores, gaps, what-if, reports      public/   the published summary and indicators
    units/     kecamatan and kelurahan             cases/    Klaster V case statistics
    catalog/   the instrument per cycle
"""
