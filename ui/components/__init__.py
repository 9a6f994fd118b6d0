"""Widgets used by more than one page, each with one show()."""
