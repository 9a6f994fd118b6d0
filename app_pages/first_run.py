"""Penyiapan awal: the only page of a deployment that has no administrator yet (KLA_DEMO=0)."""

from ui.views import setup as setup_view

setup_view.first_run_form()
