"""Kecamatan and kelurahan as reporting units of a region, managed by the KLA secretariat: the
region an actor manages, its list of units and what follows a change of it (roster), single
changes (changes), the checked-then-applied import of a list and its template (unit_import).
Only an admin (any region) or the secretariat (its own region) may; every change is audited. The
names are ruled in indicators.unit_names, the file read and written in data.files.units_file."""
