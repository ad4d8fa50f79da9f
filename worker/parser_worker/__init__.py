"""The reference parse worker of the File Parser API.

Owns turning one stored upload (PDF, CSV or call detail records) into NDJSON records plus a
classification, and reporting progress through Celery's result backend while doing so. It never
talks to the Java side other than through Celery (task message in, task state out) and the
records file it writes, and it never changes the uploaded file.
"""
