"""Worker settings read from the environment, with their defaults in one place."""

import ipaddress
import logging
import os
import socket
import tempfile
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/0"
DEFAULT_MAPPING_THRESHOLD = 0.6
DEFAULT_S3_REGION = "us-east-1"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    mapping_threshold: float = DEFAULT_MAPPING_THRESHOLD
    test_hooks: bool = False
    s3_endpoint: str | None = None
    s3_region: str = DEFAULT_S3_REGION
    s3_server_side_encryption: str | None = None
    s3_kms_key_id: str | None = None
    gcs_endpoint: str | None = None
    gcs_credentials_file: str | None = None
    gcs_kms_key_name: str | None = None
    gcs_chunk_size: str | None = None
    work_dir: str | None = None
    local_keys: str | None = None
    local_active_key: str | None = None
    store_root: str | None = None
    model_dir: str | None = None

    def __post_init__(self):
        require_encrypted_s3_endpoint(self.s3_endpoint)

    @classmethod
    def from_env(cls, env=None):
        env = os.environ if env is None else env
        return cls(
            mapping_threshold=_threshold(env.get("PARSER_MAPPING_THRESHOLD")),
            test_hooks=env.get("PARSER_TEST_HOOKS") == "1",
            s3_endpoint=env.get("PARSER_S3_ENDPOINT") or None,
            s3_region=env.get("PARSER_S3_REGION") or DEFAULT_S3_REGION,
            s3_server_side_encryption=env.get("PARSER_S3_SSE") or None,
            s3_kms_key_id=env.get("PARSER_S3_KMS_KEY_ID") or None,
            gcs_endpoint=env.get("PARSER_GCS_ENDPOINT") or None,
            gcs_credentials_file=env.get("PARSER_GCS_CREDENTIALS_FILE") or None,
            gcs_kms_key_name=env.get("PARSER_GCS_KMS_KEY_NAME") or None,
            gcs_chunk_size=env.get("PARSER_GCS_CHUNK_SIZE") or None,
            work_dir=env.get("PARSER_WORK_DIR") or tempfile.gettempdir(),
            local_keys=env.get("PARSER_LOCAL_KEYS") or None,
            local_active_key=env.get("PARSER_LOCAL_ACTIVE_KEY") or None,
            store_root=env.get("PARSER_STORE_ROOT") or None,
            model_dir=env.get("PARSER_MODEL_DIR") or default_model_dir(),
        )


def require_encrypted_s3_endpoint(endpoint):
    """Refuses an S3 endpoint that would carry objects in clear text across a network.

    No endpoint: boto3 uses AWS's own https endpoints. An explicit one must be https, or plain http
    to a loopback host (s3proxy in tests and development), the same rule as the API's
    ``fileparser.storage.s3.endpoint``.
    """
    if endpoint is None:
        return
    parts = urlsplit(endpoint)
    scheme = (parts.scheme or "").lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"PARSER_S3_ENDPOINT must be an absolute https URL, not {endpoint!r}")
    if scheme == "http" and not is_loopback_host(parts.hostname):
        raise ValueError(
            f"PARSER_S3_ENDPOINT {endpoint!r} is plain http to a host that is not loopback: "
            "objects would cross the network unencrypted. Use https (leave it unset for AWS "
            "itself); http is accepted only to 127.0.0.1, ::1 or localhost, for a test or "
            "development server")


def is_loopback_host(host):
    """Whether every address the host names is loopback (127.0.0.0/8, ::1); unresolvable: no."""
    try:
        return ipaddress.ip_address(host).is_loopback or _mapped_loopback(host)
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    addresses = {info[4][0].split("%")[0] for info in infos}
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback or _mapped_loopback(a)
                                   for a in addresses)


def _mapped_loopback(address):
    mapped = getattr(ipaddress.ip_address(address), "ipv4_mapped", None)
    return mapped is not None and mapped.is_loopback


def default_model_dir():
    """Where the learned models live when PARSER_MODEL_DIR does not say (worker/start says)."""
    return os.path.join(tempfile.gettempdir(), "parser-models")


def _threshold(raw):
    if raw is None or raw.strip() == "":
        return DEFAULT_MAPPING_THRESHOLD
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        # A typo here must not stop the workers; the default keeps mapping decisions sensible.
        log.warning("PARSER_MAPPING_THRESHOLD=%r is not a number from 0 to 1; using %s",
                    raw, DEFAULT_MAPPING_THRESHOLD)
        return DEFAULT_MAPPING_THRESHOLD
    return value
