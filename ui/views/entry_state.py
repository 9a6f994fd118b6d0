"""What the parts of the entry page (Isian Saya) share: where their messages go (the page's flash
place and each question's own), how a refusal reads, and the state of one question's typed answer
in the session: its widget keys with their generation, the values they start from, the version
they were typed against, and the mark set when someone else saved meanwhile."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from data.errors import DomainError, InvalidInput, StaleAnswer
from indicators import text as fmt
from indicators.answers import AnswerValue
from indicators.catalog import Question
from ui import flash
from ui.i18n import current_lang, reader_zone, t
from ui.markup import plain

FLASH = "entry"
"""The flash place of the page; a question's own messages go to question_place(code)."""
ALL = "*"
"""The group filter's "every group"."""
LABEL_PROMPT_CHARS = 140
FIELDS = ("bool", "choice", "num", "den", "count", "note")
"""One question's editor fields, each a widget key (see editor_keys)."""
RESTORE_KEY = "entry.typed_to_restore"
"""code -> what the user typed and had not saved when they last left the page (drafts.typed_drafts)."""


# ------------------------------------------------------------------------------------ messages

def question_place(code: str) -> str:
    """The flash place of one question: what its last save, submit or upload did."""
    return f"{FLASH}.question.{code}"


def question_flash(code: str, kind: flash.Kind, text: str) -> None:
    flash.show_later(kind, text, place=question_place(code))
    # The expander's label shows status and value, so a save gives it a new identity; keep it open.
    st.session_state[f"entry.open.{code}"] = True


def message(error: DomainError) -> str:
    if isinstance(error, StaleAnswer):
        return t("entry.stale", who=plain(error.changed_by),
                 when=fmt.date_time(error.changed_at, current_lang(), reader_zone()))
    if isinstance(error, InvalidInput) and len(error.messages) > 1:
        return "\n".join(f"- {plain(m)}" for m in error.messages)
    return plain(error.message)


def short_prompt(question: Question, lang: str) -> str:
    """The question's prompt, cut to fit a label."""
    prompt = question.prompt.get(lang)
    return prompt if len(prompt) <= LABEL_PROMPT_CHARS else prompt[:LABEL_PROMPT_CHARS - 3].rstrip() + "…"


# ------------------------------------------------------------------------ the typed answer

def editor_keys(code: str) -> dict[str, str]:
    """Widget keys of one question's editor. They carry a generation: forgetting the typed
    values moves to fresh keys, so the widgets start again from the stored answer."""
    base = f"entry.{code}"
    generation = st.session_state.get(f"{base}.gen", 0)
    keys = {name: f"{base}.{name}.{generation}" for name in FIELDS}
    return {**keys, "seen": f"{base}.seen", "init": f"{base}.init", "start": f"{base}.start",
            "restored": f"{base}.restored"}


def stale_key(code: str) -> str:
    """Set while the user's typed answer meets a version someone else saved meanwhile."""
    return f"entry.{code}.stale"


def _initial_widget_values(row) -> dict:
    return {"bool": row.bool_value, "choice": row.choice_code, "num": _widget_number(row.numerator),
            "den": _widget_number(row.denominator), "count": _widget_number(row.count_value), "note": row.note or ""}


def _widget_number(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value) if float(value).is_integer() else float(value)


def version(row) -> int | None:
    return None if row.version is None or pd.isna(row.version) else int(row.version)


def prepare_state(row) -> dict:
    """The values the widgets start from: the stored answer the first time, after a save,
    after "load the latest", and when the answer changed elsewhere while nothing was typed;
    what the user had typed and not saved, when they come back to the page (RESTORE_KEY).
    Otherwise the typed values stay, with the version they were typed against, so that a save
    over someone else's change is refused (StaleAnswer) instead of overwriting it."""
    code = row.question_code
    state = st.session_state
    keys = editor_keys(code)
    if keys["seen"] in state and state[keys["seen"]] != version(row) and not typed_anything(code):
        forget(code)
        keys = editor_keys(code)
    if keys["seen"] not in state:
        stored = _initial_widget_values(row)
        restored = state.get(RESTORE_KEY, {}).pop(code, None)
        state[keys["init"]] = stored
        state[keys["start"]] = {**stored, **{k: v for k, v in restored["typed"].items() if k in FIELDS}} \
            if restored else stored
        state[keys["seen"]] = restored["base_version"] if restored else version(row)
        if restored:
            state[keys["restored"]] = restored["updated_at"]
    return state[keys["start"]]


def typed_anything(code: str) -> bool:
    keys, state = editor_keys(code), st.session_state
    return any(keys[name] in state and state[keys[name]] != value
               for name, value in state.get(keys["init"], {}).items())


def forget(code: str) -> None:
    state = st.session_state
    keys = editor_keys(code)
    for key in keys.values():
        state.pop(key, None)
    state[f"entry.{code}.gen"] = state.get(f"entry.{code}.gen", 0) + 1


def typed_fields(code: str) -> dict:
    """The editor's fields as typed (what a reload must give back)."""
    state, keys = st.session_state, editor_keys(code)
    start = state.get(keys["start"], {})
    return {name: state.get(keys[name], start.get(name)) for name in FIELDS}


def typed_value(code: str) -> tuple[AnswerValue, str]:
    state, keys = st.session_state, editor_keys(code)
    initial = state.get(keys["start"], {})
    value = {name: state.get(keys[name], initial.get(name)) for name in FIELDS}
    return (AnswerValue(bool_value=value["bool"], choice_code=value["choice"], numerator=value["num"],
                        denominator=value["den"], count_value=value["count"]), value["note"] or "")
