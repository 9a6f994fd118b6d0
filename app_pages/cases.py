"""Data Kasus Klaster V (staff): the true counts per year, the grid to enter one year, and the
CSV import with a check-only run. Who may read or write is decided by data.access."""


import streamlit as st

from data import access
from data.errors import DomainError
from data.files import cases_csv
from data.services.cases import public as public_cases_service
from data.services.cases import records as case_records
from indicators import cases as case_rules
from indicators import clock
from ui import auth, flash, loaders
from ui.components import problems, region_picker
from ui.i18n import current_lang, t
from ui.markup import markdown
from ui.views import cases as cases_view

GRID, IMPORT = "cases.grid", "cases.import"
user = auth.require_user(access.CASE_READERS)
lang = current_lang()
engine = loaders.engine()
loaders.data_version()

st.title(t("cases.staff_title"))
st.caption(t("cases.staff_caption"))
if not access.may_read_cases(user):
    st.error(t("cases.not_allowed"))
    st.stop()

region = region_picker.show(case_records.case_regions(engine, user), key="cases_region")
if region is None:
    st.info(t("picker.no_region"))
    st.stop()
editable = access.may_enter_cases(user)

st.header(t("cases.years_title"), divider="gray")
totals = case_records.case_year_totals(engine, user, region["code"])
cases_view.year_totals(totals, lang)
public_years = public_cases_service.public_cases(engine, region["code"]).years
st.caption(t("cases.public_from", years=", ".join(map(str, public_years))) if public_years
           else t("cases.public_none"))

st.header(t("cases.grid_title"), divider="gray")
st.caption(t("cases.grid_caption"))
known_years = [int(y) for y in totals["year"]] if not totals.empty else []
year = st.number_input(t("cases.grid_year"), min_value=case_rules.MIN_YEAR, max_value=case_rules.MAX_YEAR,
                       value=known_years[-1] if known_years else clock.today().year - 1, step=1,
                       key="cases_grid_year")
rows = case_records.case_rows(engine, user, region["code"], int(year))
edited = cases_view.grid(rows, lang, key=f"cases_grid_{region['code']}_{year}", editable=editable)
if not editable:
    st.info(t("cases.read_only"))
    st.stop()
with st.container(horizontal=True, gap="small"):
    stated_women = st.number_input(t("cases.stated_women"), min_value=0, value=None, step=1,
                                   help=t("cases.stated_help"), key="cases_stated_women")
    stated_children = st.number_input(t("cases.stated_children"), min_value=0, value=None, step=1,
                                      help=t("cases.stated_help"), key="cases_stated_children")
if st.button(t("cases.save", year=int(year)), type="primary", icon=":material/save:", key="cases_save"):
    try:
        change = case_records.save_year(engine, user, region["code"], int(year), edited,
                                        {"perempuan_dewasa": stated_women, "anak": stated_children})
    except DomainError as error:
        problems.show(error)
    else:  # drawn again, so that the years above show what was saved
        flash.show_later("success", t("cases.saved", year=change.year, rows=change.rows_after,
                                      total=change.total_after, before=change.total_before), place=GRID)
        st.rerun()
flash.show_pending(GRID)

st.header(t("cases.import_title"), divider="gray")
st.caption(t("cases.import_caption", columns=", ".join(cases_csv.CSV_COLUMNS)))
st.download_button(t("cases.template"), data=cases_csv.template_csv(), file_name="contoh_data_kasus.csv",
                   mime="text/csv", on_click="ignore", icon=":material/download:")
upload = st.file_uploader(t("cases.import_file"), type=["csv", "txt"], key="cases_upload",
                          max_upload_size=cases_csv.MAX_IMPORT_BYTES // 1_000_000)
with st.container(horizontal=True, gap="small"):
    check = st.button(t("cases.check"), icon=":material/rule:", disabled=upload is None, key="cases_check")
    run = st.button(t("cases.import"), type="primary", icon=":material/upload:", disabled=upload is None,
                    key="cases_import")
if upload is not None and (check or run):
    try:
        result = case_records.import_cases(engine, user, region["code"], upload.getvalue(), dry_run=check)
    except DomainError as error:
        problems.show(error)
    else:
        heading = t("cases.import_ok_dry" if result.dry_run else "cases.import_ok", rows=result.rows_read,
                    encoding=result.encoding, separator=result.separator)
        report = heading + "\n\n" + cases_view.change_lines(result.changes, lang)
        if result.dry_run:
            st.info(markdown(report))
        else:  # drawn again, so that the years above show what was imported
            flash.show_later("success", report, place=IMPORT)
            st.rerun()
flash.show_pending(IMPORT)
