"""The regions a deployment hosts and the official Kemendagri list they are checked against:
loading the list (official_list), adding and editing a kab/kota and creating its kecamatan and
kelurahan from the list in one step (regions). Only the admin adds or edits a region; the
secretariat may create its own region's kecamatan and kelurahan."""
