"""The instrument (catalog) of the evaluation cycles.

    catalog_admin  import_catalog (a catalog file becomes a cycle's instrument), assign_by_data_source
    catalog_view   catalog_for_region (a cycle's instrument, one row per question)

Storing and loading catalog versions is data/catalog_store.py; a cycle's catalog is found by
data/lookups.py.
"""
