import unittest

from parser_worker.settings import Settings, is_loopback_host


class S3EndpointRuleTest(unittest.TestCase):
    """The worker's S3 client keeps to the API's rule: https, or http to loopback only."""

    def test_https_and_plain_http_to_loopback_are_accepted(self):
        for endpoint in ("https://s3.eu-central-1.amazonaws.com", "https://minio.internal:9000",
                         "http://127.0.0.1:9000", "http://127.0.0.2:9000",
                         "http://localhost:9000", "http://[::1]:9000"):
            with self.subTest(endpoint=endpoint):
                self.assertEqual(endpoint, Settings(s3_endpoint=endpoint).s3_endpoint)

    def test_no_endpoint_leaves_boto3_on_aws_https(self):
        self.assertIsNone(Settings.from_env({}).s3_endpoint)

    def test_an_endpoint_that_would_carry_objects_unencrypted_is_refused(self):
        for endpoint in ("http://minio.internal:9000", "http://10.0.0.5:9000",
                         "http://192.168.1.20", "http://0.0.0.0:9000", "http://[fd00::5]:9000",
                         "ftp://127.0.0.1/x", "127.0.0.1:9000", "https:///nohost"):
            with self.subTest(endpoint=endpoint):
                with self.assertRaises(ValueError) as refused:
                    Settings.from_env({"PARSER_S3_ENDPOINT": endpoint})
                self.assertIn("PARSER_S3_ENDPOINT", str(refused.exception))

    def test_loopback_means_every_address_of_the_host(self):
        self.assertTrue(is_loopback_host("localhost"))
        self.assertTrue(is_loopback_host("::ffff:127.0.0.1"))
        self.assertFalse(is_loopback_host("8.8.8.8"))
        self.assertFalse(is_loopback_host("no-such-host.invalid"))


if __name__ == "__main__":
    unittest.main()
