"""Where uploads are read from and records are written to: ``file://``, ``s3://`` and ``gs://``
URIs.

Local files are read in place, unless they are encrypted in the API's local store layout
(``crypto.py``): those, like S3 (``s3.py``) and Cloud Storage (``gcs.py``) objects, are first
streamed to a plain file in the
job's work directory, so every parser can read the upload twice (sniffing, then parsing) without
holding it in memory. With the store's keys configured, local records files are written
encrypted too, since the API reads them through its decryption.

Records are written to a temporary name and only then moved into place (renamed in the same
directory, uploaded in one PUT, or finalised as a resumable upload), so a reader never sees half a records file and a job that
runs twice simply replaces it.
"""

import io
import os
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from parser_worker.crypto import (DamagedObject, EncryptingWriter, KeyRing, KeyRingError, decrypt,
                                  is_encrypted)
from parser_worker.errors import BadFile, StorageUnavailable
from parser_worker.gcs import GcsStore
from parser_worker.s3 import S3Store

_UMASK = os.umask(0)
os.umask(_UMASK)

_RETRY_HINT = "the job will be retried; if it keeps failing, upload the file again"


class Storage:
    """Opens sources and records outputs; ``s3_client_factory`` and ``gcs_session_factory`` are
    replaceable for tests."""

    def __init__(self, settings, s3_client_factory=None, gcs_session_factory=None):
        self._settings = settings
        self._s3 = S3Store(settings, s3_client_factory)
        self._gcs = GcsStore(settings, gcs_session_factory)

    def fetch(self, uri, work_dir):
        """Returns a local path holding the (plain) content at ``uri``."""
        location = parse_uri(uri)
        target = Path(work_dir) / "source"
        if location.scheme == "s3":
            return self._s3.download(location, target, _RETRY_HINT)
        if location.scheme == "gs":
            return self._gcs.download(location, target, _RETRY_HINT)
        path = _readable_file(location.path)
        return self._decrypted(path, target) if _starts_encrypted(path) else path

    def records_output(self, uri, work_dir):
        location = parse_uri(uri)
        if location.scheme == "s3":
            return self._s3.records(location, work_dir, _write_failed)
        if location.scheme == "gs":
            return self._gcs.records(location, work_dir, _write_failed)
        return _LocalRecords(location.path, self._key_ring())

    def _decrypted(self, path, target):
        keys = self._key_ring()
        if keys is None:
            raise StorageUnavailable(
                "the stored file is encrypted and this worker has no storage keys "
                "(PARSER_LOCAL_KEYS); the job will be retried once the worker is configured")
        try:
            with open(path, "rb") as source, open(target, "wb") as sink:
                decrypt(io.BufferedReader(source, 1 << 20), sink, keys)
        except KeyRingError as error:
            raise StorageUnavailable(f"the stored file cannot be decrypted by this worker "
                                     f"({error}); the job will be retried once it has the key") \
                from error
        except DamagedObject as error:
            raise BadFile(f"the stored file is damaged ({error}); upload the file again") \
                from error
        except OSError as error:
            raise StorageUnavailable(
                f"the uploaded file could not be read ({error.strerror}); " + _RETRY_HINT) \
                from error
        return target

    def _key_ring(self):
        if not self._settings.local_keys:
            return None
        try:
            return KeyRing.parse(self._settings.local_keys, self._settings.local_active_key)
        except KeyRingError as error:
            raise StorageUnavailable(f"this worker's storage keys are unusable ({error}); the "
                                     "job will be retried once PARSER_LOCAL_KEYS is fixed") \
                from error


class Location:
    def __init__(self, scheme, path=None, bucket=None, key=None):
        self.scheme = scheme
        self.path = path
        self.bucket = bucket
        self.key = key


def parse_uri(uri):
    parts = urlsplit(uri)
    if parts.scheme == "file":
        path = unquote(parts.path)
        if parts.netloc not in ("", "localhost") or not path.startswith("/"):
            raise BadFile(f"the file location {uri!r} is not an absolute file:// URI; "
                          "submit the job again")
        return Location("file", path=Path(path))
    if parts.scheme in ("s3", "gs"):
        key = unquote(parts.path.lstrip("/"))
        if not parts.netloc or not key:
            raise BadFile(f"the file location {uri!r} names no bucket and key; "
                          "submit the job again")
        return Location(parts.scheme, bucket=parts.netloc, key=key)
    raise BadFile(f"the file location {uri!r} is neither file://, s3:// nor gs://; "
                  "submit the job again")


def _readable_file(path):
    try:
        if not path.is_file():
            raise StorageUnavailable("the uploaded file is not in storage (yet); " + _RETRY_HINT)
        with open(path, "rb"):
            pass
    except OSError as error:
        raise StorageUnavailable(
            f"the uploaded file could not be opened ({error.strerror}); " + _RETRY_HINT) from error
    return path


def _starts_encrypted(path):
    try:
        with open(path, "rb") as source:
            return is_encrypted(source.read(4))
    except OSError as error:
        raise StorageUnavailable(
            f"the uploaded file could not be read ({error.strerror}); " + _RETRY_HINT) from error


class _LocalRecords:
    """A records file written under a temporary name in its final directory, then renamed;
    encrypted in the store's layout when ``keys`` are given."""

    def __init__(self, path, keys):
        self._path = path
        self._keys = keys
        self._temp = None
        self._raw = None
        self.file = None

    def __enter__(self):
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self._path.parent, prefix=f".{self._path.name}.",
                                            suffix=".tmp")
            self._temp = Path(temp)
            # mkstemp creates 0600; the API server may run as another user and must read it.
            os.fchmod(handle, 0o666 & ~_UMASK)
            self._raw = os.fdopen(handle, "wb")
            binary = self._raw
            if self._keys is not None:
                binary = io.BufferedWriter(EncryptingWriter(self._raw, self._keys), 1 << 16)
            self.file = io.TextIOWrapper(binary, encoding="utf-8", newline="\n")
        except OSError as error:
            raise _write_failed(error) from error
        return self

    def commit(self):
        try:
            if self._keys is not None:
                self.file.close()  # seals the last chunk; the file underneath stays open
            else:
                self.file.flush()
            self._raw.flush()
            os.fsync(self._raw.fileno())
            self.file.close()
            self._raw.close()
            os.replace(self._temp, self._path)
            self._temp = None
            _fsync_directory(self._path.parent)
        except OSError as error:
            raise _write_failed(error) from error

    def __exit__(self, *exc):
        for handle in (self.file, self._raw):
            if handle is not None and not handle.closed:
                handle.close()
        if self._temp is not None:
            self._temp.unlink(missing_ok=True)
        return False


def _write_failed(error):
    return StorageUnavailable(f"the records could not be written ({error.strerror or error}); "
                              "the job will be retried")


def _fsync_directory(path):
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
