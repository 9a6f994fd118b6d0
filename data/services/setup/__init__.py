"""Setting up a deployment and a region without writing code: the first administrator of an
empty database (first_run) and the secretariat's checklist of what a region still needs before
its OPDs can answer (checklist)."""
