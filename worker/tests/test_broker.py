"""Broker and result backend settings: credentials and TLS reach both Celery connections."""

import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

import redis
from celery import Celery

from parser_worker.broker import BrokerSettings


class BrokerSettingsTest(unittest.TestCase):

    def test_defaults_are_the_local_redis_without_credentials_or_tls(self):
        conf = BrokerSettings.from_env({}).celery_settings()
        self.assertEqual({"broker_url": "redis://127.0.0.1:6379/0",
                          "result_backend": "redis://127.0.0.1:6379/0"}, conf)

    def test_result_backend_defaults_to_the_broker(self):
        conf = BrokerSettings.from_env({"PARSER_BROKER_URL": "redis://10.0.0.5:6379/3"}) \
            .celery_settings()
        self.assertEqual("redis://10.0.0.5:6379/3", conf["result_backend"])

    def test_user_and_password_reach_broker_and_backend(self):
        conf = BrokerSettings.from_env({
            "PARSER_BROKER_URL": "rediss://redis.example.com:6380/2",
            "PARSER_REDIS_USERNAME": "parser",
            "PARSER_REDIS_PASSWORD": "s3cret",
        }).celery_settings()
        self.assertEqual("rediss://parser:s3cret@redis.example.com:6380/2", conf["broker_url"])
        self.assertEqual(conf["broker_url"], conf["result_backend"])

    def test_password_alone_authenticates_as_the_default_user(self):
        conf = BrokerSettings(broker_url="redis://h:6379/1", result_backend="redis://h:6379/1",
                              password="pw").celery_settings()
        self.assertEqual("redis://:pw@h:6379/1", conf["broker_url"])

    def test_special_characters_of_the_password_are_percent_encoded(self):
        settings = BrokerSettings(broker_url="redis://h/0", result_backend="redis://h/0",
                                  username="u", password="p@ss:w/rd%#?")
        url = settings.celery_settings()["broker_url"]
        self.assertEqual("redis://u:p%40ss%3Aw%2Frd%25%23%3F@h/0", url)
        from kombu.utils.url import url_to_parts
        self.assertEqual("p@ss:w/rd%#?", url_to_parts(url).password)

    def test_separate_settings_win_over_the_url(self):
        conf = BrokerSettings.from_env({
            "PARSER_BROKER_URL": "redis://old:oldpw@h:6379/0",
            "PARSER_REDIS_USERNAME": "new",
            "PARSER_REDIS_PASSWORD": "newpw",
        }).celery_settings()
        self.assertEqual("redis://new:newpw@h:6379/0", conf["broker_url"])

    def test_user_in_the_url_is_kept_with_the_separate_password(self):
        conf = BrokerSettings.from_env({
            "PARSER_BROKER_URL": "rediss://parser@h:6380/0",
            "PARSER_REDIS_PASSWORD": "pw",
        }).celery_settings()
        self.assertEqual("rediss://parser:pw@h:6380/0", conf["broker_url"])

    def test_rediss_requires_a_verified_certificate_naming_the_host(self):
        conf = BrokerSettings.from_env({
            "PARSER_BROKER_URL": "rediss://h:6380/0",
            "PARSER_REDIS_CA_FILE": "/etc/redis/ca.pem",
        }).celery_settings()
        expected = {"ssl_cert_reqs": ssl.CERT_REQUIRED, "ssl_check_hostname": True,
                    "ssl_ca_certs": "/etc/redis/ca.pem"}
        self.assertEqual(expected, conf["broker_use_ssl"])
        self.assertEqual(expected, conf["redis_backend_use_ssl"])

    def test_rediss_without_a_ca_file_trusts_the_system_store(self):
        conf = BrokerSettings(broker_url="rediss://h/0", result_backend="rediss://h/0") \
            .celery_settings()
        self.assertEqual({"ssl_cert_reqs": ssl.CERT_REQUIRED, "ssl_check_hostname": True},
                         conf["broker_use_ssl"])

    def test_plain_redis_has_no_tls_options(self):
        conf = BrokerSettings(broker_url="redis://h/0", result_backend="redis://h/0") \
            .celery_settings()
        self.assertNotIn("broker_use_ssl", conf)
        self.assertNotIn("redis_backend_use_ssl", conf)

    def test_a_ca_file_without_rediss_is_refused_rather_than_ignored(self):
        with self.assertRaisesRegex(ValueError, "rediss://"):
            BrokerSettings(broker_url="redis://h/0", result_backend="redis://h/0",
                           ca_file="/etc/ca.pem")

    def test_other_schemes_are_refused(self):
        with self.assertRaises(ValueError):
            BrokerSettings(broker_url="amqp://h//", result_backend="redis://h/0")

    def test_printed_settings_never_show_the_password(self):
        text = repr(BrokerSettings(password="s3cret"))
        self.assertNotIn("s3cret", text)
        self.assertIn("****", text)

    def test_celery_prints_the_urls_with_the_password_masked(self):
        conf = BrokerSettings(broker_url="rediss://h:6380/0", result_backend="rediss://h:6380/0",
                              username="parser", password="s3cret",
                              ca_file="/etc/ca.pem").celery_settings()
        app = Celery("masked", broker=conf["broker_url"], backend=conf["result_backend"])
        app.conf.update(conf)
        self.assertNotIn("s3cret", app.connection_for_write().as_uri())
        self.assertNotIn("s3cret", app.backend.as_uri())


WORKER_DIR = Path(__file__).resolve().parent.parent


class WorkerStartOptionsTest(unittest.TestCase):
    """worker/start keeps the password off command lines and out of readable files: it refuses
    the ways of giving it that would expose it, before starting anything."""

    def start(self, *args):
        with tempfile.TemporaryDirectory(prefix="parser-worker-start-") as var:
            return subprocess.run([str(WORKER_DIR / "start"), "--name", "options-test", *args],
                                  env=dict(os.environ, FILEPARSER_VAR=var),
                                  capture_output=True, text=True, timeout=30)

    def test_a_password_in_the_uri_is_refused(self):
        done = self.start("--redis", "redis://parser:s3cret@127.0.0.1:6379/0")
        self.assertEqual(2, done.returncode)
        self.assertIn("no password", done.stderr)

    def test_a_password_file_others_may_read_is_refused(self):
        with tempfile.NamedTemporaryFile("w", prefix="redis-pass-") as f:
            f.write("s3cret\n")
            f.flush()
            os.chmod(f.name, 0o640)
            done = self.start("--redis", "rediss://127.0.0.1:6380/0",
                              "--redis-password-file", f.name)
        self.assertEqual(2, done.returncode)
        self.assertIn("chmod 600", done.stderr)
        self.assertNotIn("s3cret", done.stderr + done.stdout)

    def test_a_ca_file_needs_rediss(self):
        with tempfile.NamedTemporaryFile("w", prefix="redis-ca-") as f:
            done = self.start("--redis", "redis://127.0.0.1:6379/0", "--redis-ca", f.name)
        self.assertEqual(2, done.returncode)
        self.assertIn("rediss://", done.stderr)


REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@unittest.skipUnless(os.access(REDIS_SERVER, os.X_OK) and shutil.which("openssl"),
                     "needs redis-server and openssl")
class TlsRedisTest(unittest.TestCase):
    """A real redis-server speaking only TLS with an ACL user: Celery's broker and result backend
    connect as configured, and refuse a certificate that does not name the host."""

    USER = "parser"
    PASSWORD = "worker-test-pass"

    @classmethod
    def setUpClass(cls):
        cls._dir = tempfile.TemporaryDirectory(prefix="parser-worker-tls-")
        d = Path(cls._dir.name)
        ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        cls._openssl(d, "req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                     "-subj", "/CN=worker-test-ca")
        cls._openssl(d, "req", *ec, "-keyout", "server.key", "-out", "server.csr",
                     "-subj", "/CN=worker-test-redis")
        (d / "san.ext").write_text("subjectAltName=IP:127.0.0.1\n")
        cls._openssl(d, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                     "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            cls.port = s.getsockname()[1]
        config = d / "redis.conf"
        config.touch(mode=0o600)
        config.write_text("\n".join([
            "bind 127.0.0.1", "port 0", f"tls-port {cls.port}",
            f"tls-cert-file {d / 'server.pem'}", f"tls-key-file {d / 'server.key'}",
            f"tls-ca-cert-file {d / 'ca.pem'}", "tls-auth-clients no", 'save ""',
            "appendonly no", f"dir {d}", "requirepass default-pass-unused",
            f"user {cls.USER} on >{cls.PASSWORD} ~* &* +@all", ""]))
        cls.ca = str(d / "ca.pem")
        cls.server = subprocess.Popen([REDIS_SERVER, str(config)], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or cls.server.poll() is not None:
                    raise
                time.sleep(0.05)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(10)
        cls._dir.cleanup()

    @staticmethod
    def _openssl(directory, *args):
        subprocess.run(["openssl", *args], cwd=directory, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def app(self, host="127.0.0.1", password=PASSWORD):
        url = f"rediss://{host}:{self.port}/3"
        conf = BrokerSettings(broker_url=url, result_backend=url, username=self.USER,
                              password=password, ca_file=self.ca).celery_settings()
        app = Celery("tls-test", broker=conf["broker_url"], backend=conf["result_backend"])
        app.conf.update(conf, broker_connection_retry=False, redis_socket_connect_timeout=2)
        return app

    def test_broker_and_backend_connect_over_tls_as_the_acl_user(self):
        app = self.app()
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1)
            client = connection.default_channel.client
            self.assertEqual(self.USER, client.acl_whoami())
            self.assertTrue(issubclass(client.connection_pool.connection_class,
                                       redis.SSLConnection))
        app.backend.set("tls-test-key", "stored")
        self.assertEqual(b"stored", app.backend.get("tls-test-key"))
        self.assertEqual(self.USER, app.backend.client.acl_whoami())
        app.backend.delete("tls-test-key")

    def test_wrong_password_is_refused(self):
        app = self.app(password="not-the-password")
        with self.assertRaises(Exception) as refused:
            app.backend.client.ping()
        self.assertIn("password", str(refused.exception).lower())

    def test_certificate_not_naming_the_host_is_refused(self):
        # The certificate names 127.0.0.1 only; "localhost" reaches the same server.
        app = self.app(host="localhost")
        with self.assertRaises(Exception) as refused:
            app.backend.client.ping()
        self.assertIn("certificate", str(refused.exception).lower())


if __name__ == "__main__":
    unittest.main()
