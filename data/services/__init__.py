"""Use cases: one small function per action, each taking the acting user, checking the
permission, validating, writing the audit row and committing in one transaction."""
