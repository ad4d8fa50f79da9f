#!/usr/bin/env python3
"""Template API latency with 1,000 templates in one tenant, beside pgbench of a single-row select.

    bench/templates/run.py [--base http://127.0.0.1:8080] [--db fileparser] [--count 1000]

Needs a running server with rate limits off (payara/run --set fileparser.rate-limit.enabled=false:
a thousand creates in a minute are over any tier's write quota) and payara/token. Creates COUNT templates in a fresh tenant
(timing each create), publishes each (timing each publish), then times COUNT gets of random
templates and 200 list pages (limit 50, the first and later pages by cursor), one request at a time
over one keep-alive connection. Then runs pgbench (-n, one client) of `select * from templates
where id = $1` for the same number of transactions and reports its p50/p99 from the per-transaction
log. Then times `POST /mapping/suggest` for a 50-column CSV (header and 20 rows of call-record-like
values: numbers, times, durations, identifiers, text), `--suggestions` times: a worker answers each over
Celery, so `payara/run` must have started one. Prints one Markdown table (milliseconds).
"""
import argparse
import http.client
import json
import os
import random
import secrets
import statistics
import subprocess
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def token(tenant, role):
    return subprocess.run([str(ROOT / "payara/token"), "--tenant", tenant, "--roles", role],
                          check=True, capture_output=True, text=True).stdout.strip()


class Client:
    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)

    def call(self, method, path, bearer, body=None):
        headers = {"Authorization": "Bearer " + bearer}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        self.conn.request(method, "/api/parser" + path, body=data, headers=headers)
        response = self.conn.getresponse()
        payload = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status >= 300:
            raise SystemExit(f"{method} {path} answered {response.status}: {payload[:300]!r}")
        return elapsed, json.loads(payload) if payload else None


def document(i):
    return {"name": f"bench-{i:05d}", "format": "CSV", "confidenceThreshold": 0.8,
            "source": {"header": True},
            "fields": [{"name": "caller", "type": "phone", "required": True,
                        "locate": {"header": "src"}},
                       {"name": "seconds", "type": "duration", "required": False,
                        "locate": {"header": "duration"}, "format": "seconds",
                        "rules": {"min": 0}}]}


def percentiles(samples):
    ordered = sorted(samples)
    def at(q):
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return at(0.50), at(0.99), statistics.mean(ordered), len(ordered)


def pgbench(db, template_id, transactions):
    with tempfile.TemporaryDirectory() as work:
        script = Path(work) / "select.sql"
        script.write_text(f"select * from templates where id = '{template_id}';\n")
        subprocess.run(["pgbench", "-n", "-h", "127.0.0.1", "-U", "postgres", "-c", "1",
                        "-t", str(transactions), "-f", str(script), "-l",
                        "--log-prefix", str(Path(work) / "log"), db],
                       check=True, capture_output=True, text=True)
        latencies = []
        for log in Path(work).glob("log*"):
            for line in log.read_text().splitlines():
                latencies.append(int(line.split()[2]) / 1000)  # microseconds
        return percentiles(latencies)


def wide_csv(columns, rows):
    """A CSV of ``columns`` columns that look like a wide call-record export, and ``rows`` rows."""
    kinds = ["caller", "callee", "start", "duration", "id", "text"]
    header = [f"{kinds[c % len(kinds)]} {c}" for c in range(columns)]
    random.seed(50)
    lines = [",".join(header)]
    for r in range(rows):
        cells = []
        for c in range(columns):
            kind = kinds[c % len(kinds)]
            if kind in ("caller", "callee"):
                cells.append(f"+4930{random.randrange(10**6, 10**7)}")
            elif kind == "start":
                cells.append(f"2026-11-{1 + r % 28:02d} {r % 24:02d}:{c % 60:02d}:00")
            elif kind == "duration":
                cells.append(str(random.randrange(0, 3600)))
            elif kind == "id":
                cells.append(secrets.token_hex(8))
            else:
                cells.append(random.choice(["ANSWERED", "BUSY", "NO ANSWER", "FAILED"]))
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    parser.add_argument("--db", default="fileparser")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--suggestions", type=int, default=100,
                        help="suggest requests for a 50-column file (0: none)")
    args = parser.parse_args()
    tenant = "bench-" + secrets.token_hex(4)
    member, admin = token(tenant, "member"), token(tenant, "admin")
    client = Client(args.base)
    timings = {"create": [], "publish": [], "get": [], "list": []}
    ids = []
    for i in range(args.count):
        elapsed, created = client.call("POST", "/templates", member, document(i))
        timings["create"].append(elapsed)
        ids.append(created["id"])
    for template_id in ids:
        elapsed, _ = client.call("POST", f"/templates/{template_id}/versions/1/publish", admin)
        timings["publish"].append(elapsed)
    for template_id in random.sample(ids, len(ids)):
        elapsed, _ = client.call("GET", f"/templates/{template_id}", member)
        timings["get"].append(elapsed)
    cursor = None
    for _ in range(200):
        path = "/templates?limit=50" + (f"&cursor={cursor}" if cursor else "")
        elapsed, page = client.call("GET", path, member)
        timings["list"].append(elapsed)
        cursor = page.get("next")
    if args.suggestions:
        timings["suggest, 50 columns"] = []
        body = {"csv": wide_csv(50, 20)}
        for _ in range(args.suggestions):
            elapsed, _ = client.call("POST", "/mapping/suggest", member, body)
            timings["suggest, 50 columns"].append(elapsed)
    rows = {name: percentiles(samples) for name, samples in timings.items()}
    rows["pgbench: select one template row"] = pgbench(args.db, ids[0], args.count)
    print(f"Templates in the tenant: {args.count}; one request at a time; milliseconds.\n")
    print("| operation | p50 | p99 | mean | samples |")
    print("|---|---|---|---|---|")
    for name, (p50, p99, mean, n) in rows.items():
        print(f"| {name} | {p50:.2f} | {p99:.2f} | {mean:.2f} | {n} |")


if __name__ == "__main__":
    main()
