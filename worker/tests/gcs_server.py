"""A Cloud Storage JSON API server on 127.0.0.1 for tests: the calls the worker makes (object
metadata, ``alt=media`` downloads with ranges, resumable uploads and their cancellation) and those
the API's Java client makes besides (bucket metadata, listing, rewrite, metadata patch, delete,
``ifGenerationMatch`` preconditions), over a dict of (bucket, name) -> bytes, recording every
request it answered.

It checks what a real server checks where a client could get it wrong: chunk sizes in multiples
of 256 KiB, contiguous Content-Range headers, the bearer token when one is expected.

Run alone (``python3 -m tests.gcs_server --port 4443``) it serves a development domain configured
with ``fileparser.storage.gcs.endpoint=http://127.0.0.1:4443``, in memory, until interrupted.
"""

import argparse
import base64
import datetime
import gzip
import json
import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

GRANULARITY = 256 * 1024
VERBOSE = False


def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC_TABLE = _crc32c_table()


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc = _CRC_TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return base64.b64encode((crc ^ 0xFFFFFFFF).to_bytes(4, "big")).decode()


def _now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds") \
        .replace("+00:00", "Z")


class FakeGcs:
    def __init__(self, token=None):
        self.objects = {}
        self.metadata = {}
        self.sessions = {}
        self.cancelled = []
        self.requests = []
        self.token = token
        self.generation = 1000
        self.fail_uploads_after = None  # fail the Nth chunk PUT with 503
        self._chunk_puts = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
        return False

    def store(self, bucket, name, data, metadata=None):
        """Creates or replaces an object, as a finished upload or a rewrite does."""
        self.generation += 1
        now = _now()
        meta = dict(metadata or {})
        meta.update(kind="storage#object", bucket=bucket, name=name, id=f"{bucket}/{name}",
                    size=str(len(data)), generation=str(self.generation), metageneration="1",
                    crc32c=crc32c(data), updated=now, timeCreated=now,
                    contentType=meta.get("contentType") or "application/octet-stream",
                    storageClass="STANDARD")
        self.objects[(bucket, name)] = bytes(data)
        self.metadata[(bucket, name)] = meta
        return meta

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

            def do_PUT(self):
                self._serve("PUT")

            def do_DELETE(self):
                self._serve("DELETE")

            def do_PATCH(self):
                self._serve("PATCH")

            def _serve(self, method):
                # HttpURLConnection cannot send PATCH: Google's Java client tunnels it in a POST.
                method = self.headers.get("X-HTTP-Method-Override") or method
                if VERBOSE:
                    print(method, self.path, dict(self.headers), flush=True)
                body = self._body()
                fake.requests.append((method, self.path,
                                      {k.lower(): v for k, v in self.headers.items()}, len(body)))
                if method == "POST" and self.path == "/token":
                    # The OAuth 2.0 token endpoint a test's service-account key names.
                    return self._json(200, {"access_token": fake.token or "anything",
                                            "expires_in": 3600, "token_type": "Bearer"})
                if fake.token and self.headers.get("Authorization") != f"Bearer {fake.token}":
                    return self._json(401, {"error": {"code": 401, "message": "no token"}})
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                match = re.fullmatch(r"(?:/download)?/storage/v1/b/([^/]+)/o/([^/]+)", url.path)
                if method == "GET" and match and query.get("alt") == "media":
                    return self._media(unquote(match[1]), unquote(match[2]), query)
                match = re.fullmatch(r"/storage/v1/b/([^/]+)/o/([^/]+)", url.path)
                if match and method == "GET":
                    return self._metadata(unquote(match[1]), unquote(match[2]))
                if match and method == "DELETE":
                    return self._delete(unquote(match[1]), unquote(match[2]), query)
                if match and method == "PATCH":
                    return self._patch(unquote(match[1]), unquote(match[2]), body)
                match = re.fullmatch(r"/storage/v1/b/([^/]+)/o/([^/]+)/(?:rewriteTo|copyTo)/b/"
                                     r"([^/]+)/o/([^/]+)", url.path)
                if match and method == "POST":
                    return self._rewrite(*(unquote(m) for m in match.groups()), query, body)
                match = re.fullmatch(r"/storage/v1/b/([^/]+)/o", url.path)
                if match and method == "GET":
                    return self._list(unquote(match[1]), query)
                match = re.fullmatch(r"/storage/v1/b/([^/]+)", url.path)
                if match and method == "GET":
                    return self._json(200, {"kind": "storage#bucket", "name": unquote(match[1]),
                                            "id": unquote(match[1])})
                match = re.fullmatch(r"/upload/storage/v1/b/([^/]+)/o", url.path)
                if method == "POST" and match and query.get("uploadType") == "resumable":
                    return self._start(unquote(match[1]), query, body)
                match = re.fullmatch(r"/upload/session/([0-9a-f-]+)", url.path)
                if match and match[1] in fake.sessions:
                    if method == "PUT":
                        return self._chunk(match[1], body)
                    if method == "DELETE":
                        del fake.sessions[match[1]]
                        fake.cancelled.append(match[1])
                        return self._json(499, {})
                return self._json(404, {"error": {"code": 404, "message": "Not Found"}})

            def _body(self):
                """The request body, chunked and gzipped as Google's Java client sends JSON."""
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    body = bytearray()
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                        if size == 0:
                            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                                pass
                            break
                        body += self.rfile.read(size)
                        self.rfile.readline()
                    body = bytes(body)
                else:
                    length = int(self.headers.get("Content-Length") or 0)
                    body = self.rfile.read(length) if length else b""
                if self.headers.get("Content-Encoding", "").lower() == "gzip":
                    body = gzip.decompress(body)
                return body

            def _media(self, bucket, name, query):
                data = fake.objects.get((bucket, name))
                if data is None or ("generation" in query and query["generation"]
                                    != fake.metadata[(bucket, name)]["generation"]):
                    return self._json(404, {"error": {"code": 404, "message": "No such object"}})
                status, first = 200, 0
                ranged = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
                if ranged:
                    first = int(ranged[1])
                    last = int(ranged[2]) if ranged[2] else len(data) - 1
                    if first >= len(data):
                        return self._json(416, {"error": {"code": 416,
                                                          "message": "not satisfiable"}})
                    status, data = 206, data[first:last + 1]
                self.send_response(status)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(data)))
                if status == 206:
                    self.send_header("Content-Range",
                                     f"bytes {first}-{first + len(data) - 1}/"
                                     f"{len(fake.objects[(bucket, name)])}")
                self.send_header("x-goog-generation", fake.metadata[(bucket, name)]["generation"])
                self.end_headers()
                self.wfile.write(data)

            def _delete(self, bucket, name, query):
                if (bucket, name) not in fake.objects or (
                        "generation" in query
                        and query["generation"] != fake.metadata[(bucket, name)]["generation"]):
                    return self._json(404, {"error": {"code": 404, "message": "No such object"}})
                del fake.objects[(bucket, name)]
                del fake.metadata[(bucket, name)]
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _patch(self, bucket, name, body):
                if (bucket, name) not in fake.objects:
                    return self._json(404, {"error": {"code": 404, "message": "No such object"}})
                meta = fake.metadata[(bucket, name)]
                changes = json.loads(body or b"{}")
                if "metadata" in changes:
                    meta["metadata"] = dict(meta.get("metadata") or {}, **changes["metadata"])
                meta["metageneration"] = str(int(meta["metageneration"]) + 1)
                meta["updated"] = _now()
                return self._json(200, meta)

            def _precondition_fails(self, bucket, name, query):
                expected = query.get("ifGenerationMatch")
                if expected is None:
                    return False
                current = fake.metadata[(bucket, name)]["generation"] \
                    if (bucket, name) in fake.objects else "0"
                return expected != current

            def _rewrite(self, bucket, name, target_bucket, target, query, body):
                if (bucket, name) not in fake.objects:
                    return self._json(404, {"error": {"code": 404, "message": "No such object"}})
                if self._precondition_fails(target_bucket, target, query):
                    return self._json(412, {"error": {"code": 412,
                                                      "message": "Precondition Failed"}})
                metadata = json.loads(body or b"{}")
                data = fake.objects[(bucket, name)]
                meta = fake.store(target_bucket, target, data, metadata)
                return self._json(200, {"kind": "storage#rewriteResponse",
                                        "totalBytesRewritten": str(len(data)),
                                        "objectSize": str(len(data)), "done": True,
                                        "resource": meta})

            def _list(self, bucket, query):
                prefix = query.get("prefix", "")
                items = [fake.metadata[key] for key in sorted(fake.objects)
                         if key[0] == bucket and key[1].startswith(prefix)]
                return self._json(200, {"kind": "storage#objects", "items": items})

            def _metadata(self, bucket, name):
                if (bucket, name) not in fake.objects:
                    return self._json(404, {"error": {"code": 404, "message": "No such object"}})
                return self._json(200, fake.metadata[(bucket, name)])

            def _start(self, bucket, query, body):
                metadata = json.loads(body or b"{}")
                name = query.get("name") or metadata.get("name")
                if not name:
                    return self._json(400, {"error": {"code": 400, "message": "no name"}})
                if self._precondition_fails(bucket, name, query):
                    return self._json(412, {"error": {"code": 412,
                                                      "message": "Precondition Failed"}})
                if query.get("kmsKeyName"):
                    metadata["kmsKeyName"] = query["kmsKeyName"]
                session = str(uuid.uuid4())
                fake.sessions[session] = {"bucket": bucket, "name": name, "data": bytearray(),
                                          "metadata": metadata}
                self.send_response(200)
                self.send_header("Location", f"{fake.endpoint}/upload/session/{session}")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _chunk(self, session_id, body):
                session = fake.sessions[session_id]
                fake._chunk_puts += 1
                if fake.fail_uploads_after is not None \
                        and fake._chunk_puts > fake.fail_uploads_after:
                    return self._json(503, {"error": {"code": 503, "message": "try later"}})
                header = self.headers.get("Content-Range", "")
                match = re.fullmatch(r"bytes (?:(\d+)-(\d+)|\*)/(\d+|\*)", header)
                if not match:
                    return self._json(400, {"error": {"message": f"bad range {header!r}"}})
                total = None if match[3] == "*" else int(match[3])
                if match[1] is not None:
                    start, end = int(match[1]), int(match[2])
                    if start != len(session["data"]) or end - start + 1 != len(body):
                        return self._json(400, {"error": {"message": "not contiguous"}})
                    if total is None and len(body) % GRANULARITY:
                        return self._json(400, {"error": {"message": "not a 256 KiB multiple"}})
                    session["data"] += body
                if total is None:
                    self.send_response(308)
                    if session["data"]:
                        self.send_header("Range", f"bytes=0-{len(session['data']) - 1}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                if total != len(session["data"]):
                    return self._json(400, {"error": {"message": "size mismatch"}})
                meta = fake.store(session["bucket"], session["name"], session["data"],
                                  session["metadata"])
                del fake.sessions[session_id]
                return self._json(200, meta)

            def _json(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--verbose", action="store_true", help="print every request")
    arguments = parser.parse_args()
    port = arguments.port
    global VERBOSE
    VERBOSE = arguments.verbose
    fake = FakeGcs()
    fake._server.server_close()
    fake._server = ThreadingHTTPServer(("127.0.0.1", port), fake._handler())
    print(f"fake Cloud Storage JSON API on {fake.endpoint}", flush=True)
    fake._server.serve_forever()


if __name__ == "__main__":
    main()
