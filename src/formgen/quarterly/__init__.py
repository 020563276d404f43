"""The quarterly work on the report forms: blank forms for many reporting bodies
at once (bulk), and the filled returns added up again (consolidate)."""
