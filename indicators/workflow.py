"""The life of an answer and of an evaluation cycle: statuses, their names (id, en) and the moves
between them. The one home of these rules; services check a move here before they write it.

    not_started --save--> draft --submit--> submitted --verify--> verified
                    returned --save--> draft;  submitted --return--> returned --submit--> submitted
                    verified --reopen (chair, with a reason)--> submitted
"""
from __future__ import annotations

NOT_STARTED, DRAFT, SUBMITTED, RETURNED, VERIFIED = "not_started", "draft", "submitted", "returned", "verified"
ANSWER_STATUSES = (NOT_STARTED, DRAFT, RETURNED, SUBMITTED, VERIFIED)
"""In the order a unit's work moves (a sheet counts them in this order)."""
STORED_STATUSES = (DRAFT, SUBMITTED, RETURNED, VERIFIED)
"""The statuses an Answer row can have; not_started is the absence of a row."""

EDITABLE = (DRAFT, RETURNED)
"""An existing answer whose value, note and evidence its unit may still change."""
ENTERABLE = (NOT_STARTED, *EDITABLE)
"""A question its unit may answer now (in an open cycle)."""

TRANSITIONS: dict[str, dict[str, str]] = {
    "save": {NOT_STARTED: DRAFT, DRAFT: DRAFT, RETURNED: DRAFT},
    "submit": {DRAFT: SUBMITTED, RETURNED: SUBMITTED},
    "verify": {SUBMITTED: VERIFIED},
    "return": {SUBMITTED: RETURNED},
    "reopen": {VERIFIED: SUBMITTED},
}

STATUS_NAMES = {
    "id": {NOT_STARTED: "belum diisi", DRAFT: "draf", SUBMITTED: "diajukan", RETURNED: "dikembalikan",
           VERIFIED: "terverifikasi"},
    "en": {NOT_STARTED: "not started", DRAFT: "draft", SUBMITTED: "submitted", RETURNED: "returned",
           VERIFIED: "verified"},
}

CYCLE_OPEN, CYCLE_REVIEW, CYCLE_CLOSED = "open", "review", "closed"
CYCLE_STATUSES = (CYCLE_OPEN, CYCLE_REVIEW, CYCLE_CLOSED)
CYCLE_STATUS_NAMES = {
    "id": {CYCLE_OPEN: "terbuka", CYCLE_REVIEW: "dalam peninjauan", CYCLE_CLOSED: "ditutup"},
    "en": {CYCLE_OPEN: "open", CYCLE_REVIEW: "under review", CYCLE_CLOSED: "closed"},
}


def status_name(status: str | None, lang: str = "id") -> str:
    """The status as a reader says it, in lower case ('diajukan'); unknown names pass through."""
    status = status or NOT_STARTED
    return STATUS_NAMES.get(lang, STATUS_NAMES["id"]).get(status, status)


def cycle_status_name(status: str, lang: str = "id") -> str:
    """The cycle's status as a reader says it, in lower case ('ditutup'); unknown names pass through."""
    return CYCLE_STATUS_NAMES.get(lang, CYCLE_STATUS_NAMES["id"]).get(status, status)


def cycle_not_open(year: int, status: str) -> str:
    """Why nothing may be entered in a cycle that is not open, in the one wording every entry path
    (the form, the evidence, the Excel template and its import) uses: 'Siklus 2024 sudah ditutup'."""
    return f"Siklus {year} sudah {cycle_status_name(status)}"


def may(action: str, status: str | None) -> bool:
    """Whether `action` (save, submit, verify, return, reopen) may move an answer in `status`."""
    return (status or NOT_STARTED) in TRANSITIONS[action]


def next_status(action: str, status: str | None) -> str:
    """The status `action` leads to; ValueError when the move is not allowed from `status`."""
    moves = TRANSITIONS[action]
    status = status or NOT_STARTED
    if status not in moves:
        raise ValueError(f"{action} is not allowed from {status}")
    return moves[status]


def is_editable(status: str | None) -> bool:
    return (status or NOT_STARTED) in ENTERABLE


MAX_REASON_LENGTH = 2000
"""The longest reason a reviewer or the chair may give (return, verify, reopen, cycle changes)."""


def reason_problem(reason: str, required_message: str) -> str | None:
    """What is wrong with a (stripped) reason: `required_message` when there is none, or that it is
    too long; None when it may stand."""
    if not reason:
        return required_message
    if len(reason) > MAX_REASON_LENGTH:
        return f"Alasan terlalu panjang ({len(reason)} karakter); maksimal {MAX_REASON_LENGTH} karakter."
    return None
