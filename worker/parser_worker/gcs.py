"""Objects in Google Cloud Storage, through its JSON API over HTTPS.

Debian packages no Cloud Storage client for Python, so this speaks the three calls the worker
needs itself (``requests``), with credentials from Debian's ``google-auth``: the service-account
key file named by PARSER_GCS_CREDENTIALS_FILE, else Application Default Credentials
(GOOGLE_APPLICATION_CREDENTIALS, gcloud's user credentials, or the metadata server of the VM or
GKE pod), the same as the API's.

- An upload is streamed to the work directory (``alt=media`` download).
- Records are sent as they are written, in a resumable upload of ``PARSER_GCS_CHUNK_SIZE`` chunks
  (a multiple of 256 KiB), with the customer-managed key PARSER_GCS_KMS_KEY_NAME when set; the
  object appears only when the upload is finalised, and a job that fails before that cancels the
  session, so a reader never sees half a records file.

PARSER_GCS_ENDPOINT replaces Google's endpoint for tests: plain ``http`` is accepted only on a
loopback address (refused otherwise, before any request), and without credentials it is called
anonymously. Every failure is StorageUnavailable, as for S3: the Java side decides when to stop
retrying.
"""

import io
import ipaddress
import json
from urllib.parse import quote, urlsplit

from parser_worker.errors import StorageUnavailable

GOOGLE_ENDPOINT = "https://storage.googleapis.com"
SCOPE = "https://www.googleapis.com/auth/devstorage.read_write"
CHUNK_GRANULARITY = 256 * 1024
DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024
RECORDS_CONTENT_TYPE = "application/x-ndjson"
TIMEOUT = (10, 60)
_DOWNLOAD_BLOCK = 1 << 20


class GcsSettingsError(ValueError):
    """Settings that must stop the worker at start: it would send credentials in the clear."""


def check_endpoint(endpoint):
    """The endpoint to use (Google's when unset); refuses plain http to a non-loopback host."""
    if not endpoint:
        return GOOGLE_ENDPOINT
    parts = urlsplit(endpoint)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.query \
            or parts.fragment or parts.username:
        raise GcsSettingsError(f"PARSER_GCS_ENDPOINT {endpoint!r} is not an https://host[:port] URL")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise GcsSettingsError(
            f"PARSER_GCS_ENDPOINT {endpoint!r} is plain http to a host that is not loopback: "
            "Cloud Storage is reached over https only (plain http is accepted for a test server "
            "on 127.0.0.1, ::1 or localhost)")
    return endpoint.rstrip("/")


def check_chunk_size(raw):
    if raw in (None, ""):
        return DEFAULT_CHUNK_SIZE
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0 or value % CHUNK_GRANULARITY:
        raise GcsSettingsError(f"PARSER_GCS_CHUNK_SIZE {raw!r} is not a positive multiple of "
                               f"{CHUNK_GRANULARITY} bytes")
    return value


def _is_loopback(host):
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class GcsStore:
    def __init__(self, settings, session_factory=None):
        self._settings = settings
        self._session_factory = session_factory or authorized_session
        self._session = None

    def download(self, location, target, retry_hint):
        """Streams the object to ``target`` on disk."""
        url = (f"{self._endpoint()}/download/storage/v1/b/{_part(location.bucket)}/o/"
               f"{_part(location.key)}?alt=media")
        try:
            with self.session().get(url, stream=True, timeout=TIMEOUT) as response:
                _require(response, (200,), "read")
                with open(target, "wb") as sink:
                    for block in response.iter_content(_DOWNLOAD_BLOCK):
                        sink.write(block)
        except StorageUnavailable as error:
            raise StorageUnavailable(
                f"the uploaded file could not be read from Cloud Storage ({error}); "
                + retry_hint) from error
        except _request_errors() as error:
            raise StorageUnavailable(
                f"the uploaded file could not be read from Cloud Storage "
                f"({type(error).__name__}); " + retry_hint) from error
        except OSError as error:
            raise StorageUnavailable(
                f"the worker could not store a working copy of the file ({error.strerror}); "
                "the job will be retried") from error
        return target

    def records(self, location, work_dir, write_failed):
        return _GcsRecords(self, location)

    def session(self):
        if self._session is None:
            self._session = self._session_factory(self._settings, self._endpoint())
        return self._session

    def _endpoint(self):
        try:
            return check_endpoint(self._settings.gcs_endpoint)
        except GcsSettingsError as error:
            raise StorageUnavailable(f"{error}; the job will be retried once it is fixed") \
                from error

    def chunk_size(self):
        try:
            return check_chunk_size(self._settings.gcs_chunk_size)
        except GcsSettingsError as error:
            raise StorageUnavailable(f"{error}; the job will be retried once it is fixed") \
                from error

    def start_upload(self, location):
        """Starts a resumable upload of the records object; returns its session URL."""
        url = (f"{self._endpoint()}/upload/storage/v1/b/{_part(location.bucket)}/o"
               f"?uploadType=resumable&name={_part(location.key)}")
        metadata = {"name": location.key, "contentType": RECORDS_CONTENT_TYPE}
        if self._settings.gcs_kms_key_name:
            metadata["kmsKeyName"] = self._settings.gcs_kms_key_name
        response = self.session().post(
            url, data=json.dumps(metadata),
            headers={"Content-Type": "application/json; charset=UTF-8",
                     "X-Upload-Content-Type": RECORDS_CONTENT_TYPE},
            timeout=TIMEOUT)
        _require(response, (200, 201), "start the upload of")
        session_url = response.headers.get("Location")
        if not session_url:
            raise StorageUnavailable("Cloud Storage answered no upload session")
        return session_url

    def send_chunk(self, session_url, chunk, start, total):
        """Sends ``chunk`` at ``start``; ``total`` is None while more follows."""
        end = start + len(chunk) - 1
        size = "*" if total is None else str(total)
        content_range = f"bytes {start}-{end}/{size}" if chunk else f"bytes */{size}"
        response = self.session().put(session_url, data=bytes(chunk),
                                      headers={"Content-Range": content_range},
                                      timeout=TIMEOUT)
        expected = (308,) if total is None else (200, 201)
        _require(response, expected, "upload")

    def cancel_upload(self, session_url):
        """Ends an unfinished session (Cloud Storage answers 499); it would expire in a week."""
        try:
            self.session().delete(session_url, timeout=TIMEOUT)
        except _request_errors():
            pass


class _ResumableSink(io.RawIOBase):
    """Bytes written are sent in full chunks; ``finish`` sends the rest and finalises."""

    def __init__(self, store, session_url, chunk_size):
        super().__init__()
        self._store = store
        self._session_url = session_url
        self._chunk_size = chunk_size
        self._pending = bytearray()
        self._sent = 0
        self._done = False

    def writable(self):
        return True

    def abandon(self):
        """Nothing more is sent, not even what a late flush of the text layer hands over."""
        self._done = True
        self._pending = bytearray()

    def write(self, data):
        if self._done:
            return len(data)
        self._pending += data
        while len(self._pending) >= self._chunk_size + 1:
            # Hold one byte back: the last chunk must carry the total size.
            chunk = self._pending[:self._chunk_size]
            self._store.send_chunk(self._session_url, chunk, self._sent, None)
            self._sent += len(chunk)
            del self._pending[:self._chunk_size]
        return len(data)

    def finish(self):
        total = self._sent + len(self._pending)
        self._store.send_chunk(self._session_url, self._pending, self._sent, total)
        self.abandon()


class _GcsRecords:
    """A records object written straight into a resumable upload, finalised by ``commit``."""

    def __init__(self, store, location):
        self._store = store
        self._location = location
        self._session_url = None
        self._sink = None
        self._committed = False
        self.file = None

    def __enter__(self):
        try:
            self._session_url = self._store.start_upload(self._location)
        except StorageUnavailable as error:
            raise _write_failed(error) from error
        except _request_errors() as error:
            raise _write_failed(type(error).__name__) from error
        chunk_size = self._store.chunk_size()
        self._sink = _ResumableSink(self._store, self._session_url, chunk_size)
        self.file = _Guarded(io.TextIOWrapper(io.BufferedWriter(self._sink, 1 << 16),
                                              encoding="utf-8", newline="\n"))
        return self

    def commit(self):
        try:
            self.file.flush()
            self._sink.finish()
            self._committed = True
        except StorageUnavailable as error:
            raise _write_failed(error) from error
        except _request_errors() as error:
            raise _write_failed(type(error).__name__) from error

    def __exit__(self, *exc):
        if self._sink is not None:
            self._sink.abandon()
        if not self._committed and self._session_url is not None:
            self._store.cancel_upload(self._session_url)
        return False


class _Guarded:
    """The text file the pipeline writes to; a failed chunk upload becomes StorageUnavailable."""

    def __init__(self, text):
        self._text = text

    def write(self, value):
        try:
            return self._text.write(value)
        except StorageUnavailable as error:
            raise _write_failed(error) from error
        except _request_errors() as error:
            raise _write_failed(type(error).__name__) from error

    def flush(self):
        self._text.flush()

    def __getattr__(self, name):
        return getattr(self._text, name)


def _write_failed(reason):
    return StorageUnavailable(f"the records could not be written to Cloud Storage ({reason}); "
                              "the job will be retried")


def _require(response, expected, what):
    if response.status_code not in expected:
        raise StorageUnavailable(f"HTTP {response.status_code} when trying to {what} the object"
                                 if what != "read" else f"HTTP {response.status_code}")


def _part(value):
    return quote(value, safe="")


_SESSIONS = {}


def authorized_session(settings, endpoint):
    """A requests session carrying the configured credentials (anonymous for a loopback test
    server when there are none), kept per process so jobs reuse its connections and token."""
    key = (endpoint, settings.gcs_credentials_file)
    if key not in _SESSIONS:
        _SESSIONS[key] = _new_session(settings, endpoint)
    return _SESSIONS[key]


def _new_session(settings, endpoint):
    # Imported here so a worker that never touches Cloud Storage does not need google-auth.
    import requests
    try:
        import google.auth
        from google.auth.exceptions import DefaultCredentialsError
        from google.auth.transport.requests import AuthorizedSession
        from google.oauth2 import service_account
    except ImportError as error:
        raise StorageUnavailable("Debian's python3-google-auth is not installed on this worker; "
                                 "the job will be retried once it is") from error
    try:
        if settings.gcs_credentials_file:
            credentials = service_account.Credentials.from_service_account_file(
                settings.gcs_credentials_file, scopes=[SCOPE])
        else:
            credentials, _ = google.auth.default(scopes=[SCOPE])
    except (DefaultCredentialsError, OSError, ValueError) as error:
        if endpoint != GOOGLE_ENDPOINT and not settings.gcs_credentials_file:
            return requests.Session()
        raise StorageUnavailable(
            f"this worker has no usable Google credentials ({error}); set "
            "PARSER_GCS_CREDENTIALS_FILE or Application Default Credentials; the job will be "
            "retried") from error
    return AuthorizedSession(credentials)


def _request_errors():
    errors = []
    try:
        from requests.exceptions import RequestException
        errors.append(RequestException)
    except ImportError:
        pass
    try:
        from google.auth.exceptions import GoogleAuthError
        errors.append(GoogleAuthError)
    except ImportError:
        pass
    return tuple(errors) or (_NoRequests,)


class _NoRequests(Exception):
    pass
