"""A download button for a file the public pages offer (data.services.public.files): the same
file, by name and content, that manage.py export-public writes."""

from __future__ import annotations

import streamlit as st

from data.services.public.files import PublicFile
from ui.markup import plain


def offer(file: PublicFile, label: str) -> None:
    st.download_button(plain(label), data=file.csv, mime="text/csv", on_click="ignore", file_name=f"{file.name}.csv",
                       icon=":material/download:", key=f"download_{file.name}")
