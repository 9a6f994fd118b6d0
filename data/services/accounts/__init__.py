"""Accounts: signing in, passwords (argon2id), creating accounts and the account a manage.py
command acts as (auth)."""
