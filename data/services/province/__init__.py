"""Above one kab/kota: the readiness board of every hosted region (the admin's national overview)."""
