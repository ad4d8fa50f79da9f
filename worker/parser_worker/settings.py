"""Worker settings read from the environment, with their defaults in one place."""

import logging
import os
import tempfile
from dataclasses import dataclass

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
