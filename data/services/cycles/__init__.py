"""A region's evaluation cycles as the secretariat sets them up: opening a cycle for a year with its
deadline and instrument version, moving the deadline (cycles), and who answers each question of
it (assignments). Closing, reopening and publishing stay with the task-force chair
(data.services.review.cycle_admin)."""
