"""UI texts by feature. Each module here defines TEXTS = {"id": {...}, "en": {...}}; ui.i18n
merges them all, so a feature adds its strings in its own module. A key defined twice is an
error at import time."""
