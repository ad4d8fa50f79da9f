"""Call detail records: the CDR layouts the worker knows and their normalised record.

Whatever the source layout, every CDR record is written with the same fields (``CDR_FIELDS``),
so the API can query calls without knowing which switch produced them.
"""
