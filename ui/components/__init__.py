"""Widgets used by more than one page, each a module with one show() that draws it and returns
the reader's choice: region_picker, cycle_picker, sign_in_form, password_form, problems (a refused
change as one error box)."""
