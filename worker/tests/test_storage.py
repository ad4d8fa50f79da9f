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

    def test_other_locations_are_refused(self):
        for uri in ("http://host/a.csv", "file:relative/a.csv", "file://otherhost/a.csv",
                    "s3://bucket-only"):
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


if __name__ == "__main__":
    unittest.main()
