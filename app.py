"""Pantau KLA, served: `streamlit run app.py` starts Streamlit on the page script (pantau.py) with
the two small routes that set and drop the sign-in cookie (ui.session_cookie). An ASGI server
(uvicorn app:app) serves the same `app`."""

import streamlit as st

from ui import session_cookie

app = st.App("pantau.py", routes=session_cookie.routes(st.get_option("server.baseUrlPath")))
