import os
import tempfile
import unittest
from pathlib import Path

from parser_worker.errors import BadFile
from parser_worker.locations import StoreRoot, check
from parser_worker.request import ParseRequest

JOB = "4c1b986a-0000-4000-8000-000000000001"


def request(file_uri, records_uri, tenant="acme"):
    kwargs = {"file": {"uri": file_uri}, "output": {"recordsUri": records_uri}}
    if tenant is not None:
        kwargs["tenantId"] = tenant
    return ParseRequest.from_task(JOB, kwargs)


class LocalStoreTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.root = Path(self.dir.name) / "store"
        (self.root / "tenants" / "acme" / "ab").mkdir(parents=True)
        (self.root / "tenants" / "other" / "ab").mkdir(parents=True)
        (self.root / "quarantine" / "acme").mkdir(parents=True)
        self.upload = self.root / "tenants" / "acme" / "ab" / "abc"
        self.upload.write_bytes(b"a,b\n")
        self.records = (self.root / "results" / "acme" / JOB / "1.ndjson").as_uri()
        self.store = StoreRoot.parse(str(self.root))

    def tearDown(self):
        self.dir.cleanup()

    def test_the_tenants_own_upload_and_records_location_are_followed(self):
        check(request(self.upload.as_uri(), self.records), self.store)

    def test_a_file_uri_root_is_the_same_as_a_path(self):
        check(request(self.upload.as_uri(), self.records), StoreRoot.parse(self.root.as_uri()))

    def test_another_tenants_upload_is_refused(self):
        other = self.root / "tenants" / "other" / "ab" / "abc"
        other.write_bytes(b"x")
        with self.assertRaises(BadFile):
            check(request(other.as_uri(), self.records), self.store)

    def test_quarantine_and_paths_outside_the_store_are_refused(self):
        for uri in ((self.root / "quarantine" / "acme" / "x").as_uri(), "file:///etc/passwd",
                    (self.root / "tenants" / "acme" / ".." / "other" / "x").as_uri()):
            with self.subTest(uri=uri), self.assertRaises(BadFile):
                check(request(uri, self.records), self.store)

    def test_a_symbolic_link_out_of_the_tenant_is_refused(self):
        link = self.root / "tenants" / "acme" / "ab" / "link"
        os.symlink("/etc/hostname", link)
        with self.assertRaises(BadFile):
            check(request(link.as_uri(), self.records), self.store)

    def test_records_of_another_job_or_tenant_are_refused(self):
        for uri in ((self.root / "results" / "acme" / "another-job" / "1.ndjson").as_uri(),
                    (self.root / "results" / "other" / JOB / "1.ndjson").as_uri(),
                    (self.root / "tenants" / "acme" / "ab" / "abc").as_uri()):
            with self.subTest(uri=uri), self.assertRaises(BadFile):
                check(request(self.upload.as_uri(), uri), self.store)

    def test_a_request_without_tenant_is_refused_when_a_store_is_configured(self):
        with self.assertRaises(BadFile):
            check(request(self.upload.as_uri(), self.records, tenant=None), self.store)

    def test_s3_locations_are_refused_by_a_local_store(self):
        with self.assertRaises(BadFile):
            check(request("s3://bucket/tenants/acme/ab/abc", self.records), self.store)

    def test_without_a_store_root_nothing_is_checked(self):
        check(request("file:///anywhere", "file:///else", tenant=None), None)


class S3StoreTest(unittest.TestCase):

    STORE = StoreRoot.parse("s3://uploads/fileparser")

    def test_the_tenants_own_keys_under_the_prefix_are_followed(self):
        check(request("s3://uploads/fileparser/tenants/acme/ab/abc",
                      f"s3://uploads/fileparser/results/acme/{JOB}/2.ndjson"), self.STORE)

    def test_other_buckets_prefixes_tenants_and_climbing_keys_are_refused(self):
        records = f"s3://uploads/fileparser/results/acme/{JOB}/2.ndjson"
        for uri in ("s3://other/fileparser/tenants/acme/ab/abc",
                    "s3://uploads/tenants/acme/ab/abc",
                    "s3://uploads/fileparser/tenants/other/ab/abc",
                    "s3://uploads/fileparser/tenants/acme/../other/abc",
                    "s3://uploads/fileparser/staging/abc"):
            with self.subTest(uri=uri), self.assertRaises(BadFile):
                check(request(uri, records), self.STORE)

    def test_a_bucket_without_prefix_is_a_root_too(self):
        check(request("s3://uploads/tenants/acme/ab/abc",
                      f"s3://uploads/results/acme/{JOB}/1.ndjson"), StoreRoot.parse("s3://uploads"))


class GcsStoreTest(unittest.TestCase):

    STORE = StoreRoot.parse("gs://uploads/fileparser")

    def test_the_tenants_own_objects_under_the_prefix_are_followed(self):
        check(request("gs://uploads/fileparser/tenants/acme/ab/abc",
                      f"gs://uploads/fileparser/results/acme/{JOB}/2.ndjson"), self.STORE)

    def test_other_buckets_schemes_tenants_and_climbing_names_are_refused(self):
        records = f"gs://uploads/fileparser/results/acme/{JOB}/2.ndjson"
        for uri in ("gs://other/fileparser/tenants/acme/ab/abc",
                    "s3://uploads/fileparser/tenants/acme/ab/abc",
                    "gs://uploads/fileparser/tenants/other/ab/abc",
                    "gs://uploads/fileparser/tenants/acme/../other/abc",
                    "gs://uploads/fileparser/quarantine/acme/ab/abc"):
            with self.subTest(uri=uri), self.assertRaises(BadFile):
                check(request(uri, records), self.STORE)


class StoreRootTest(unittest.TestCase):

    def test_unset_is_none_and_nonsense_is_refused(self):
        self.assertIsNone(StoreRoot.parse(None))
        self.assertIsNone(StoreRoot.parse("  "))
        for raw in ("relative/path", "s3://", "gs://"):
            with self.subTest(raw=raw), self.assertRaises(ValueError):
                StoreRoot.parse(raw)


if __name__ == "__main__":
    unittest.main()
