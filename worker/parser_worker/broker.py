"""How the worker reaches Redis, its broker and result backend: address, ACL user, password, TLS.

One place for both connections, from the environment that ``worker/start`` sets:

- ``PARSER_BROKER_URL``, ``PARSER_RESULT_BACKEND``: ``redis://`` (plain) or ``rediss://`` (TLS)
  ``[user@]host[:port][/db]`` URLs;
- ``PARSER_REDIS_USERNAME``: the ACL user (wins over a user in the URLs);
- ``PARSER_REDIS_PASSWORD``: the password. It comes by environment, never on a command line
  (``worker/start --redis-password-file`` reads it from a file), and wins over one in the URLs;
- ``PARSER_REDIS_CA_FILE``: the PEM of the CA to trust for ``rediss://``; unset, the system's.

With ``rediss://`` the certificate is verified and must name the host (CERT_REQUIRED and host
name checking, as the Java side does); kombu alone would connect to ``rediss://`` without
verifying anything. These are the same settings as the API's ``fileparser.redis.*``.
"""

import ssl
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from parser_worker.settings import DEFAULT_BROKER_URL


@dataclass(frozen=True)
class BrokerSettings:
    broker_url: str = DEFAULT_BROKER_URL
    result_backend: str = DEFAULT_BROKER_URL
    username: str | None = None
    password: str | None = None
    ca_file: str | None = None

    def __post_init__(self):
        for url in (self.broker_url, self.result_backend):
            scheme = urlsplit(url).scheme
            if scheme not in ("redis", "rediss"):
                raise ValueError(f"the broker and result backend must be redis:// or rediss:// "
                                 f"URLs, not {scheme}://")
            if self.ca_file and scheme != "rediss":
                raise ValueError("PARSER_REDIS_CA_FILE is set but a Redis URL is redis://; "
                                 "use rediss:// for TLS")

    @classmethod
    def from_env(cls, env):
        broker = env.get("PARSER_BROKER_URL") or DEFAULT_BROKER_URL
        return cls(
            broker_url=broker,
            result_backend=env.get("PARSER_RESULT_BACKEND") or broker,
            username=env.get("PARSER_REDIS_USERNAME") or None,
            password=env.get("PARSER_REDIS_PASSWORD") or None,
            ca_file=env.get("PARSER_REDIS_CA_FILE") or None,
        )

    def celery_settings(self):
        """The Celery settings that connect broker and result backend as configured."""
        conf = {
            "broker_url": self._with_credentials(self.broker_url),
            "result_backend": self._with_credentials(self.result_backend),
        }
        if _is_tls(self.broker_url):
            conf["broker_use_ssl"] = self._ssl_options()
        if _is_tls(self.result_backend):
            conf["redis_backend_use_ssl"] = self._ssl_options()
        return conf

    def _ssl_options(self):
        options = {"ssl_cert_reqs": ssl.CERT_REQUIRED, "ssl_check_hostname": True}
        if self.ca_file:
            options["ssl_ca_certs"] = self.ca_file
        return options

    def _with_credentials(self, url):
        """The URL with the chosen user and password in it, percent-encoded (kombu and the
        result backend decode them); Celery prints such URLs with the password masked."""
        parts = urlsplit(url)
        user = self.username or (parts.username and unquote(parts.username))
        password = self.password or (parts.password and unquote(parts.password))
        if not user and not password:
            return url
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = (quote(user or "", safe="") + ":" + quote(password, safe="")
                  if password else quote(user, safe=""))
        netloc += "@" + host + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))

    def __repr__(self):
        # Never the password: settings end up in logs.
        return (f"BrokerSettings(broker_url={self.broker_url!r}, "
                f"result_backend={self.result_backend!r}, username={self.username!r}, "
                f"password={'****' if self.password else None}, ca_file={self.ca_file!r})")


def _is_tls(url):
    return urlsplit(url).scheme == "rediss"
