"""Objects in S3 or an S3-compatible store, through boto3.

The endpoint, region and path-style addressing come from the settings, credentials from boto3's
usual chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, an instance role). Every
failure is StorageUnavailable: a missing object, refused credentials or an unreachable endpoint
may all pass, and the Java side decides when to stop retrying.
"""

from pathlib import Path

from parser_worker.errors import StorageUnavailable

RECORDS_CONTENT_TYPE = "application/x-ndjson"


class S3Store:
    def __init__(self, settings, client_factory=None):
        self._settings = settings
        self._client_factory = client_factory or boto3_client
        self._client = None

    def download(self, location, target, retry_hint):
        """Streams the object to ``target`` on disk (boto3 downloads in parts)."""
        try:
            self.client().download_file(location.bucket, location.key, str(target))
        except s3_errors() as error:
            raise StorageUnavailable(
                f"the uploaded file could not be read from object storage ({_reason(error)}); "
                + retry_hint) from error
        except OSError as error:
            raise StorageUnavailable(
                f"the worker could not store a working copy of the file ({error.strerror}); "
                "the job will be retried") from error
        return target

    def records(self, location, work_dir, write_failed):
        return _S3Records(self, location, Path(work_dir) / "records.ndjson", write_failed)

    def client(self):
        if self._client is None:
            self._client = self._client_factory(self._settings)
        return self._client

    def upload_arguments(self):
        arguments = {"ContentType": RECORDS_CONTENT_TYPE}
        if self._settings.s3_server_side_encryption:
            arguments["ServerSideEncryption"] = self._settings.s3_server_side_encryption
        if self._settings.s3_kms_key_id:
            arguments["SSEKMSKeyId"] = self._settings.s3_kms_key_id
        return arguments


class _S3Records:
    """A records file written to the work directory, then uploaded as one object."""

    def __init__(self, store, location, temp, write_failed):
        self._store = store
        self._location = location
        self._temp = temp
        self._write_failed = write_failed
        self.file = None

    def __enter__(self):
        try:
            self.file = open(self._temp, "w", encoding="utf-8", newline="\n")
        except OSError as error:
            raise self._write_failed(error) from error
        return self

    def commit(self):
        try:
            self.file.close()
            self._store.client().upload_file(str(self._temp), self._location.bucket,
                                             self._location.key,
                                             ExtraArgs=self._store.upload_arguments())
        except s3_errors() as error:
            raise StorageUnavailable(
                f"the records could not be written to object storage ({_reason(error)}); "
                "the job will be retried") from error
        except OSError as error:
            raise self._write_failed(error) from error

    def __exit__(self, *exc):
        if self.file is not None and not self.file.closed:
            self.file.close()
        self._temp.unlink(missing_ok=True)
        return False


def boto3_client(settings):
    # Imported here so a worker that only reads local files does not pay for boto3.
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint,
        region_name=settings.s3_region,
        config=Config(s3={"addressing_style": "path"},
                      retries={"max_attempts": 3, "mode": "standard"},
                      connect_timeout=10, read_timeout=60),
    )


def s3_errors():
    try:
        from boto3.exceptions import Boto3Error
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:
        return (_NoBoto3,)
    return (BotoCoreError, ClientError, Boto3Error)


class _NoBoto3(Exception):
    pass


def _reason(error):
    response = getattr(error, "response", None) or {}
    code = (response.get("Error") or {}).get("Code")
    return code or type(error).__name__
