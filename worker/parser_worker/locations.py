"""The trust boundary on locations: a task names where to read the upload and where to write the
records, and a worker only follows names inside the store it serves and inside the job's tenant.

The store root (``PARSER_STORE_ROOT``) is the API's local file store directory (a path or a
``file://`` URI) or its bucket location (``s3://bucket[/prefix]``, ``gs://bucket[/prefix]``).
Inside it the API keeps a tenant's uploads under ``tenants/<tenantId>/`` and a job's records under
``results/<tenantId>/<jobId>/``; anything else (another tenant's prefix, quarantine, staging, a
path that climbs out with ``..`` or a symbolic link, another bucket) is refused before a byte is
read or written. Without a configured root the worker cannot tell, and says so once at start.
"""

import logging
import os
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from parser_worker.errors import BadFile

log = logging.getLogger(__name__)


class StoreRoot:
    """Where the API's store lives, as the worker is told at start."""

    def __init__(self, scheme, path=None, bucket=None, prefix=""):
        self.scheme = scheme
        self.path = path
        self.bucket = bucket
        self.prefix = prefix

    @classmethod
    def parse(cls, raw):
        """``None`` for an unset root; raises ValueError for one that cannot be a store."""
        if raw is None or not raw.strip():
            return None
        raw = raw.strip()
        parts = urlsplit(raw)
        if parts.scheme in ("s3", "gs"):
            if not parts.netloc:
                raise ValueError(f"PARSER_STORE_ROOT {raw!r} names no bucket")
            return cls(parts.scheme, bucket=parts.netloc, prefix=unquote(parts.path).strip("/"))
        path = unquote(parts.path) if parts.scheme == "file" else raw
        if not os.path.isabs(path):
            raise ValueError(f"PARSER_STORE_ROOT {raw!r} is not an absolute path")
        return cls("file", path=os.path.realpath(path))


def check(request, root):
    """Refuses (BadFile) a request whose file or records location is not the tenant's own."""
    if root is None:
        return
    if not request.tenant_id:
        raise BadFile("the job was dispatched without a tenant; submit the job again")
    _require(request.file.uri, root, ("tenants", request.tenant_id), "file")
    _require(request.records_uri, root, ("results", request.tenant_id, request.job_id), "records")


def check_file(uri, tenant_id, root):
    """Refuses (BadFile) a file location that is not the tenant's own (a back-test's files)."""
    if root is None:
        return
    if not tenant_id:
        raise BadFile("the task was sent without a tenant")
    _require(uri, root, ("tenants", tenant_id), "file")


def _require(uri, root, area, what):
    if not _inside(uri, root, area):
        log.warning("refused %s location %s: outside %s of the store", what, uri, "/".join(area))
        raise BadFile(f"the job was dispatched with a {what} location outside the tenant's "
                      "storage; submit the job again")


def _inside(uri, root, area):
    parts = urlsplit(uri)
    if parts.scheme != root.scheme:
        return False
    if root.scheme in ("s3", "gs"):
        key = unquote(parts.path).lstrip("/")
        base = "/".join(p for p in (root.prefix, *area) if p) + "/"
        return (parts.netloc == root.bucket and key.startswith(base)
                and ".." not in PurePosixPath(key).parts)
    if parts.netloc not in ("", "localhost"):
        return False
    base = os.path.join(root.path, *area)
    # realpath resolves '..' and every symbolic link of the parts that exist.
    target = os.path.realpath(unquote(parts.path))
    return os.path.commonpath([base, target]) == base and target != base
