#!/usr/bin/env python3
"""What a tenant's templates cost each upload: task message size and small uploads/s, side by side.

    bench/dispatch_templates/run.py --target before=DOMAIN@http://127.0.0.1:PORT@DB \\
        --target after=DOMAIN@http://127.0.0.1:PORT@DB [--templates 0,200] [--uploads 1000]

Each target is a running server (payara/run --no-worker --set fileparser.rate-limit.enabled=false,
as for bench/uploads), named by its domain (for the JVM's CPU time), base URL and database (for
the outbox rows). For each template count, each target gets a fresh tenant with that many
published templates (a two-field CSV template, as in bench/templates), then --uploads small
Asterisk exports of bench/uploads (distinct, 8 clients, Node's http through bench/uploads/client.js)
as that tenant. Targets alternate; the rounds run --rounds times. Reports uploads/s, p50/p99,
the server's and PostgreSQL's CPU per upload, and the task message of each upload (the envelope
the outbox keeps and Redis receives): its length, and what PostgreSQL stores of it (compressed).
"""
import argparse
import http.client
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UPLOADS = ROOT / "bench" / "uploads"
SMALL = ROOT / "var" / "bench" / "uploads-small"
ROW = ('"","1999","2999","from-internal","""Bench"" <1999>","SIP/1999-00000001","SIP/2999-00000002",'
       '"Dial","SIP/2999,30,tT","2024-06-01 12:00:00","2024-06-01 12:00:05","2024-06-01 12:01:05",'
       '65,60,"ANSWERED","DOCUMENTATION","{tag}.{{id}}",""')


def log(message):
    print(time.strftime("[%H:%M:%S] ") + message, file=sys.stderr, flush=True)


def token(tenant, role):
    return subprocess.run([str(ROOT / "payara/token"), "--tenant", tenant, "--roles", role],
                          check=True, capture_output=True, text=True).stdout.strip()


def document(i):
    return {"name": f"bench-{i:05d}", "format": "CSV", "confidenceThreshold": 0.8,
            "source": {"header": True},
            "fields": [{"name": "caller", "type": "phone", "required": True,
                        "locate": {"header": "src"}},
                       {"name": "seconds", "type": "duration", "required": False,
                        "locate": {"header": "duration"}, "format": "seconds",
                        "rules": {"min": 0}}]}


def call(conn, method, path, bearer, body=None):
    headers = {"Authorization": "Bearer " + bearer, "Content-Type": "application/json"}
    conn.request(method, "/api/parser" + path, body=None if body is None else json.dumps(body),
                 headers=headers)
    response = conn.getresponse()
    payload = response.read()
    if response.status >= 300:
        raise SystemExit(f"{method} {path} answered {response.status}: {payload[:300]!r}")
    return json.loads(payload) if payload else None


def publish_templates(base, tenant, count):
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    member, admin = token(tenant, "member"), token(tenant, "admin")
    for i in range(count):
        created = call(conn, "POST", "/templates", member, document(i))
        call(conn, "POST", f"/templates/{created['id']}/versions/1/publish", admin)
    conn.close()


def jvm_pid(domain):
    out = subprocess.run(["pgrep", "-f", f"domains/{domain}"], capture_output=True, text=True)
    pids = out.stdout.split()
    if not pids:
        raise SystemExit(f"no JVM of domain {domain}")
    return int(pids[0])


def cpu_seconds(pids, reaped=False):
    """User and system CPU of the processes; with ``reaped``, also that of their children that
    have exited (PostgreSQL's backends come and go: the postmaster reaps them)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
            if reaped:
                total += int(fields[13]) + int(fields[14])
        except OSError:
            pass
    return total / tick


def postgres_pids():
    out = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def outbox_sizes(db, tenant):
    sql = ("select count(*), avg(octet_length(envelope)), avg(pg_column_size(envelope))"
           f" from dispatch_outbox where tenant_id = '{tenant}'")
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-Atc", sql],
                         check=True, capture_output=True, text=True).stdout.strip()
    n, length, stored = out.split("|")
    return int(n), float(length or 0), float(stored or 0)


def run_uploads(base, tenant, count, concurrency):
    env = dict(os.environ, BENCH_AUTHORIZATION="Bearer " + token(tenant, "member"))
    out = subprocess.run(["node", str(UPLOADS / "client.js"), "many", "--target", "post",
                          "--url", base + "/api/parser/upload", "--dir", str(SMALL),
                          "--count", str(count), "--concurrency", str(concurrency),
                          "--append-row", ROW.format(tag=tenant)],
                         check=True, capture_output=True, text=True, env=env, timeout=1800)
    return json.loads(out.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", action="append", required=True, help="NAME=DOMAIN@BASE@DB")
    parser.add_argument("--templates", default="0,200")
    parser.add_argument("--uploads", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    if not SMALL.is_dir():
        raise SystemExit(f"{SMALL} is missing: run bench/uploads/run.py once, it writes the files")
    targets = []
    for spec in args.target:
        name, rest = spec.split("=", 1)
        domain, base_and_db = rest.split("@", 1)
        base, db = base_and_db.rsplit("@", 1)
        targets.append((name, domain, base, db))
    rows = []
    for round_no in range(1, args.rounds + 1):
        for templates in [int(t) for t in args.templates.split(",")]:
            for name, domain, base, db in targets:
                tenant = f"tplscale-{templates}-{secrets.token_hex(3)}"
                log(f"{name}: tenant {tenant}, publishing {templates} templates")
                publish_templates(base, tenant, templates)
                pid = jvm_pid(domain)
                server0, pg0 = cpu_seconds([pid]), cpu_seconds(postgres_pids(), reaped=True)
                result = run_uploads(base, tenant, args.uploads, args.concurrency)
                server = cpu_seconds([pid]) - server0
                pg = cpu_seconds(postgres_pids(), reaped=True) - pg0
                messages, length, stored = outbox_sizes(db, tenant)
                ok = result["ok"]
                row = {"round": round_no, "templates": templates, "target": name, "ok": ok,
                       "failed": result["failed"], "uploadsPerSec": result["uploadsPerSec"],
                       "p50": result["p50"], "p99": result["p99"],
                       "serverCpuMsPerUpload": 1000 * server / max(ok, 1),
                       "postgresCpuMsPerUpload": 1000 * pg / max(ok, 1),
                       "messages": messages, "envelopeBytes": length, "storedBytes": stored}
                log(json.dumps(row))
                rows.append(row)
    print("| round | tenant templates | target | uploads/s | p50 / p99 ms | server CPU ms/upload"
          " | PostgreSQL CPU ms/upload | task message bytes (stored by PostgreSQL) |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['round']} | {r['templates']} | {r['target']} | {r['uploadsPerSec']:.1f} |"
              f" {r['p50']:.1f} / {r['p99']:.1f} | {r['serverCpuMsPerUpload']:.1f} |"
              f" {r['postgresCpuMsPerUpload']:.1f} | {r['envelopeBytes']:,.0f}"
              f" ({r['storedBytes']:,.0f}) |")
    failed = sum(r["failed"] for r in rows)
    if failed:
        raise SystemExit(f"{failed} uploads failed")


if __name__ == "__main__":
    main()
