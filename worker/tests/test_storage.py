import json
import os
import stat
import unittest
from pathlib import Path

from botocore.exceptions import ClientError, EndpointConnectionError

from parser_worker import pipeline
from parser_worker.errors import BadFile, StorageUnavailable
from parser_worker.progress import ProgressReporter
from parser_worker.request import ParseRequest
from parser_worker.settings import Settings
from parser_worker.storage import Storage, parse_uri
from tests import samples
from tests.gcs_server import FakeGcs
from tests.support import ParseCase


class FakeS3:
    """The two boto3 calls the worker makes, against a dict of (bucket, key) -> bytes."""

    def __init__(self, objects=None, error=None):
        self.objects = dict(objects or {})
        self.error = error
        self.uploads = []

    def download_file(self, bucket, key, filename):
        if self.error:
            raise self.error
        if (bucket, key) not in self.objects:
            raise ClientError({"Error": {"Code": "404", "Message": "Not Found"}}, "HeadObject")
        Path(filename).write_bytes(self.objects[(bucket, key)])

    def upload_file(self, filename, bucket, key, ExtraArgs=None):
        if self.error:
            raise self.error
        self.objects[(bucket, key)] = Path(filename).read_bytes()
        self.uploads.append((bucket, key, ExtraArgs))


class UriTest(unittest.TestCase):

    def test_file_uri_is_decoded(self):
        self.assertEqual(Path("/data/my file.csv"), parse_uri("file:///data/my%20file.csv").path)
        self.assertEqual(Path("/data/a.csv"), parse_uri("file://localhost/data/a.csv").path)

    def test_s3_uri_names_bucket_and_key(self):
        location = parse_uri("s3://uploads/tenants/t1/ab/abc")
        self.assertEqual(("uploads", "tenants/t1/ab/abc"), (location.bucket, location.key))

    def test_gs_uri_names_bucket_and_key(self):
        location = parse_uri("gs://uploads/p/tenants/t1/ab/a%20b")
        self.assertEqual(("gs", "uploads", "p/tenants/t1/ab/a b"),
                         (location.scheme, location.bucket, location.key))

    def test_other_locations_are_refused(self):
        for uri in ("http://host/a.csv", "file:relative/a.csv", "file://otherhost/a.csv",
                    "s3://bucket-only", "gs://bucket-only", "gs:///key"):
            with self.subTest(uri=uri), self.assertRaises(BadFile):
                parse_uri(uri)


class LocalStorageTest(ParseCase):

    def test_missing_source_is_retryable(self):
        path = self.sample("a.csv", samples.INVOICES)
        request_file = samples.file_ref(path)
        path.unlink()
        request = ParseRequest.from_task("j", {"file": request_file,
                                               "output": {"recordsUri": (self.dir / "o").as_uri()}})
        with self.assertRaises(StorageUnavailable) as raised:
            pipeline.run(request, ProgressReporter(lambda meta: None),
                         Settings(work_dir=str(self.dir)))
        self.assertIn("will be retried", str(raised.exception))

    def test_output_directories_are_created_and_the_file_is_readable_by_others(self):
        target = self.dir / "deep" / "er" / "records.ndjson"
        storage = Storage(Settings())
        with storage.records_output(target.as_uri(), self.dir) as output:
            output.file.write('{"a":1}\n')
            output.commit()

        self.assertEqual('{"a":1}\n', target.read_text())
        umask = os.umask(0)
        os.umask(umask)
        self.assertEqual(0o666 & ~umask, stat.S_IMODE(target.stat().st_mode))

    def test_failed_write_leaves_neither_records_nor_temporary_file(self):
        target = self.dir / "out" / "records.ndjson"
        with self.assertRaises(RuntimeError):
            with Storage(Settings()).records_output(target.as_uri(), self.dir) as output:
                output.file.write('{"a":1}\n')
                raise RuntimeError("parser broke")
        self.assertEqual([], list(target.parent.iterdir()))

    def test_rewrite_replaces_the_records_of_an_earlier_run(self):
        target = self.dir / "records.ndjson"
        target.write_text("old\n")
        with Storage(Settings()).records_output(target.as_uri(), self.dir) as output:
            output.file.write("new\n")
            output.commit()
        self.assertEqual("new\n", target.read_text())


class S3StorageTest(ParseCase):

    def run_job(self, s3):
        request = ParseRequest.from_task("j", {
            "file": {"uri": "s3://uploads/t1/invoices", "format": "CSV"},
            "output": {"recordsUri": "s3://results/t1/job-1/1.ndjson"}})
        settings = Settings(work_dir=str(self.dir))
        return pipeline.run(request, ProgressReporter(lambda meta: None), settings,
                            storage=Storage(settings, lambda _: s3))

    def test_reads_from_and_writes_to_s3(self):
        s3 = FakeS3({("uploads", "t1/invoices"): samples.INVOICES.encode()})
        result = self.run_job(s3)

        self.assertEqual("s3://results/t1/job-1/1.ndjson", result["recordsUri"])
        self.assertEqual([("results", "t1/job-1/1.ndjson",
                           {"ContentType": "application/x-ndjson"})], s3.uploads)
        lines = s3.objects[("results", "t1/job-1/1.ndjson")].decode().splitlines()
        self.assertEqual("INV-001", json.loads(lines[0])["invoice"])
        self.assertEqual([], [p for p in self.dir.iterdir() if p.name.startswith("parse-")])

    def test_missing_object_is_retryable(self):
        with self.assertRaises(StorageUnavailable) as raised:
            self.run_job(FakeS3())
        self.assertIn("(404)", str(raised.exception))

    def test_unreachable_endpoint_is_retryable(self):
        with self.assertRaises(StorageUnavailable):
            self.run_job(FakeS3(error=EndpointConnectionError(endpoint_url="http://s3:9000")))

    def test_client_uses_path_style_endpoint_and_region_from_settings(self):
        from parser_worker.s3 import boto3_client
        client = boto3_client(Settings(s3_endpoint="http://127.0.0.1:9000",
                                        s3_region="eu-central-1"))
        self.assertEqual("http://127.0.0.1:9000", client.meta.endpoint_url)
        self.assertEqual("eu-central-1", client.meta.region_name)
        self.assertEqual("path", client.meta.config.s3["addressing_style"])


def anonymous(settings, endpoint):
    import requests
    return requests.Session()


class GcsStorageTest(ParseCase):
    """The Cloud Storage client against a JSON API server on loopback (tests/gcs_server.py)."""

    def setUp(self):
        super().setUp()
        self.gcs = FakeGcs().__enter__()
        self.addCleanup(self.gcs.__exit__)

    def settings(self, **extra):
        return Settings(work_dir=str(self.dir), gcs_endpoint=self.gcs.endpoint, **extra)

    def put(self, bucket, name, data):
        self.gcs.store(bucket, name, data)

    def run_job(self, settings=None, session_factory=anonymous):
        request = ParseRequest.from_task("j", {
            "file": {"uri": "gs://uploads/p/tenants/t1/ab/invoices", "format": "CSV"},
            "output": {"recordsUri": "gs://uploads/p/results/t1/job-1/1.ndjson"}})
        settings = settings or self.settings()
        return pipeline.run(request, ProgressReporter(lambda meta: None), settings,
                            storage=Storage(settings, gcs_session_factory=session_factory))

    def test_reads_from_and_writes_to_cloud_storage(self):
        self.put("uploads", "p/tenants/t1/ab/invoices", samples.INVOICES.encode())

        result = self.run_job()

        self.assertEqual("gs://uploads/p/results/t1/job-1/1.ndjson", result["recordsUri"])
        records = self.gcs.objects[("uploads", "p/results/t1/job-1/1.ndjson")]
        self.assertEqual("INV-001", json.loads(records.decode().splitlines()[0])["invoice"])
        metadata = self.gcs.metadata[("uploads", "p/results/t1/job-1/1.ndjson")]
        self.assertEqual("application/x-ndjson", metadata["contentType"])
        self.assertNotIn("kmsKeyName", metadata)
        self.assertEqual({}, self.gcs.sessions)
        self.assertEqual([], [p for p in self.dir.iterdir() if p.name.startswith("parse-")])
        paths = [path for _, path, _, _ in self.gcs.requests]
        self.assertIn("/download/storage/v1/b/uploads/o/p%2Ftenants%2Ft1%2Fab%2Finvoices"
                      "?alt=media", paths)

    def test_records_go_out_in_chunks_of_the_configured_size_with_the_kms_key(self):
        key = "projects/p/locations/eu/keyRings/r/cryptoKeys/k"
        settings = self.settings(gcs_chunk_size=str(256 * 1024), gcs_kms_key_name=key)
        line = "x" * 1023 + "\n"
        storage = Storage(settings, gcs_session_factory=anonymous)

        with storage.records_output("gs://uploads/results/t1/j/1.ndjson", self.dir) as output:
            for _ in range(700):  # 700 KiB: two full chunks and a short last one
                output.file.write(line)
            output.commit()

        self.assertEqual(line.encode() * 700, self.gcs.objects[("uploads", "results/t1/j/1.ndjson")])
        puts = [r for r in self.gcs.requests if r[0] == "PUT"]
        self.assertEqual([256 * 1024, 256 * 1024, 700 * 1024 - 512 * 1024],
                         [size for *_, size in puts])
        self.assertEqual(key, self.gcs.metadata[("uploads", "results/t1/j/1.ndjson")]["kmsKeyName"])

    def test_a_job_failing_while_writing_cancels_the_upload_and_leaves_no_object(self):
        storage = Storage(self.settings(gcs_chunk_size=str(256 * 1024)),
                          gcs_session_factory=anonymous)

        with self.assertRaises(RuntimeError):
            with storage.records_output("gs://uploads/results/t1/j/1.ndjson", self.dir) as output:
                output.file.write("y" * (300 * 1024))
                raise RuntimeError("parser failed")

        self.assertEqual({}, self.gcs.objects)
        self.assertEqual(1, len(self.gcs.cancelled))
        self.assertEqual({}, self.gcs.sessions)

    def test_a_refused_chunk_is_retryable_and_leaves_no_object(self):
        self.put("uploads", "p/tenants/t1/ab/invoices", samples.INVOICES.encode())
        self.gcs.fail_uploads_after = 0

        with self.assertRaises(StorageUnavailable) as raised:
            self.run_job()

        self.assertIn("HTTP 503", str(raised.exception))
        self.assertIn("will be retried", str(raised.exception))
        self.assertNotIn(("uploads", "p/results/t1/job-1/1.ndjson"), self.gcs.objects)

    def test_missing_object_is_retryable(self):
        with self.assertRaises(StorageUnavailable) as raised:
            self.run_job()
        self.assertIn("HTTP 404", str(raised.exception))

    def test_unreachable_endpoint_is_retryable(self):
        import socket
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
        with self.assertRaises(StorageUnavailable) as raised:
            self.run_job(Settings(work_dir=str(self.dir), gcs_endpoint=closed))
        self.assertIn("ConnectionError", str(raised.exception))

    def test_a_service_account_key_file_gets_a_token_and_sends_it(self):
        self.gcs.token = "token-from-the-key"
        self.put("uploads", "p/tenants/t1/ab/invoices", samples.INVOICES.encode())
        key_file = self.dir / "key.json"
        key_file.write_text(json.dumps(service_account_key(f"{self.gcs.endpoint}/token")))

        from parser_worker.gcs import authorized_session
        result = self.run_job(self.settings(gcs_credentials_file=str(key_file)),
                              session_factory=authorized_session)

        self.assertEqual("gs://uploads/p/results/t1/job-1/1.ndjson", result["recordsUri"])
        self.assertEqual("/token", self.gcs.requests[0][1])
        self.assertEqual({"Bearer token-from-the-key"},
                         {r[2].get("authorization") for r in self.gcs.requests[1:]})

    def test_plain_http_is_accepted_only_to_loopback(self):
        from parser_worker.gcs import GcsSettingsError, check_endpoint
        for endpoint in ("http://127.0.0.1:4443", "http://localhost:1", "http://[::1]:9",
                         "https://storage.example.com", None, ""):
            with self.subTest(endpoint=endpoint):
                check_endpoint(endpoint)
        for endpoint in ("http://storage.example.com", "http://10.0.0.5:4443",
                         "http://127.0.0.1.example.com", "ftp://127.0.0.1", "storage.googleapis.com"):
            with self.subTest(endpoint=endpoint), self.assertRaises(GcsSettingsError):
                check_endpoint(endpoint)

    def test_a_remote_plain_http_endpoint_is_refused_before_any_request(self):
        settings = Settings(work_dir=str(self.dir), gcs_endpoint="http://storage.example.com")
        with self.assertRaises(StorageUnavailable) as raised:
            self.run_job(settings, session_factory=lambda *_: self.fail("no session wanted"))
        self.assertIn("https only", str(raised.exception))

    def test_chunk_sizes_must_be_multiples_of_256_kib(self):
        from parser_worker.gcs import GcsSettingsError, check_chunk_size
        self.assertEqual(8 * 1024 * 1024, check_chunk_size(None))
        self.assertEqual(512 * 1024, check_chunk_size("524288"))
        for raw in ("1000", "0", "-262144", "many"):
            with self.subTest(raw=raw), self.assertRaises(GcsSettingsError):
                check_chunk_size(raw)


def service_account_key(token_uri):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    return {"type": "service_account", "project_id": "it-project", "private_key_id": "k1",
            "private_key": pem, "client_email": "worker@it-project.iam.gserviceaccount.com",
            "client_id": "1", "token_uri": token_uri}


if __name__ == "__main__":
    unittest.main()
