"""Shared Streamlit pieces: the auth guard and frame, i18n catalogs, number and date formatting,
Altair chart builders and cached loaders. Pages import from here; nothing here decides a
permission or touches the database except through data.services."""
