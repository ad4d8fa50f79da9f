"""The failures a parse job can end with.

The Java side reads the class name from the result backend's ``exc_type`` and decides from it
whether to retry the job, so the class names are part of the wire contract and must not change.
Every message is shown to the user who uploaded the file, so it says what to do, not what broke.
"""


class ParseFailure(Exception):
    """Base of the job failures; ``retryable`` tells whether running the job again may help."""

    retryable = False

    def __init__(self, hint):
        super().__init__(hint)
        self.hint = hint


class StorageUnavailable(ParseFailure):
    """The file or the output location could not be reached; a later attempt may succeed."""

    retryable = True


class BadFile(ParseFailure):
    """The file was reached but cannot be parsed: damaged, encrypted, undecodable or empty."""


class UnsupportedLayout(ParseFailure):
    """The content is not a format the worker knows at all (not PDF, CSV or a CDR export)."""
