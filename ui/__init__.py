"""The Streamlit side, beside the thin pages in app_pages/.

Top level: frame (page list by role, sidebar), auth (who is signed in, the page guard), flash
(messages that survive a rerun), loaders (the engine and cached public reads), charts (Altair
builders), markup (people's text made safe inside markdown), i18n (texts in id and en, merged
from texts/). components/ holds widgets shared by several pages, views/<feature> the blocks of
one feature's pages, texts/<feature> their words. Numbers and dates are formatted by
indicators.text. Nothing here decides a permission or opens a database session: every read and
write goes through data.services."""
