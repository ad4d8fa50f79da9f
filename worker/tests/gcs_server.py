"""A Cloud Storage JSON API server on 127.0.0.1 for the worker's tests: just the calls the worker
makes (object metadata, ``alt=media`` downloads with ranges, resumable uploads and their
cancellation), over a dict of (bucket, name) -> bytes, recording every request it answered.

It checks what a real server checks where the worker could get it wrong: chunk sizes in
multiples of 256 KiB, contiguous Content-Range headers, the bearer token when one is expected.
"""

import json
import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

GRANULARITY = 256 * 1024


class FakeGcs:
    def __init__(self, token=None):
        self.objects = {}
        self.metadata = {}
        self.sessions = {}
        self.cancelled = []
        self.requests = []
        self.token = token
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

            def _serve(self, method):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
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
                match = re.fullmatch(r"/download/storage/v1/b/([^/]+)/o/([^/]+)", url.path)
                if method == "GET" and match and query.get("alt") == "media":
                    return self._media(unquote(match[1]), unquote(match[2]))
                match = re.fullmatch(r"/storage/v1/b/([^/]+)/o/([^/]+)", url.path)
                if method == "GET" and match:
                    return self._metadata(unquote(match[1]), unquote(match[2]))
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

            def _media(self, bucket, name):
                data = fake.objects.get((bucket, name))
                if data is None:
                    return self._json(404, {"error": {"code": 404, "message": "No such object"}})
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _metadata(self, bucket, name):
                if (bucket, name) not in fake.objects:
                    return self._json(404, {"error": {"code": 404, "message": "No such object"}})
                return self._json(200, fake.metadata[(bucket, name)])

            def _start(self, bucket, query, body):
                metadata = json.loads(body or b"{}")
                name = query.get("name") or metadata.get("name")
                if not name:
                    return self._json(400, {"error": {"code": 400, "message": "no name"}})
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
                key = (session["bucket"], session["name"])
                fake.objects[key] = bytes(session["data"])
                fake.metadata[key] = dict(session["metadata"], bucket=key[0], name=key[1],
                                          size=str(total))
                del fake.sessions[session_id]
                return self._json(200, fake.metadata[key])

            def _json(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler
