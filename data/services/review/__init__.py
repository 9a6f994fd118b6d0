"""The task force's side of a cycle: how complete the units' answers are and whom to chase
(completeness), the review queue with verify, return and the chair's reopen (review), and the
chair closing, reopening, publishing and unpublishing the cycle (cycle_admin). The rules they
apply live in indicators.workflow (statuses, moves, reasons) and indicators.verification."""
