#!/usr/bin/python3
"""Status and job-list reads under load, beside the server's and the database's floors, one run.

What it measures, one after the other in the same run, each for --seconds after a warm-up of
--warmup seconds, all to loopback with autocannon (load.js):
  1. `GET /health/live`: the server's floor (no authentication, no database);
  2. `GET /api/parser/status/{id}` with a bearer token (payara/token), spread round-robin over
     --ids jobs of one tenant, so the database reads rows, not one cached page;
  3. the same with an API key of that tenant (created through the API);
  4. `GET /api/parser/jobs?state=COMPLETED&limit=50` (a filtered page) with the bearer token;
each at saturation (--connections, 16) and at a fixed overall rate (--rate, 500 requests/s), with
p50/p99 latency, requests/s, the ratio to `/health/live` and the server JVM's CPU time per request
(user + system from /proc, less what it burns idle, measured for 10 s first: a busy shared machine
disturbs it far less than latency); then `pgbench` point selects of jobs by
id on the same database (the database's floor), at the same number of clients.

The database is seeded first with seed.sql (psql as postgres, after the application migrated the
schema): 100 tenants, --jobs jobs (default 1,000,000) with their files, steps, history and results,
then ANALYZE. A database already seeded with as many jobs is kept; to seed it anew, start the domain
with `payara/run --fresh`.

    payara/run --domain fileparser-statusbench --portbase 24000 --db fileparser_statusbench \
      --redis-db 10 --no-worker --set fileparser.dispatch.silence-window-s=86400 \
      --set fileparser.rate-limit.standard.read=100000000/60   # limits applied, never reached
    (cd bench/status_reads && npm ci)
    /usr/bin/python3 bench/status_reads/run.py [--base http://127.0.0.1:24080 --db fileparser_statusbench]
      [--jobs 1000000 --seconds 20 --warmup 5 --connections 16 --rate 500] [--label before]
      [--out result.json] [--markdown section.md]

`--start` runs that payara/run line itself (with the --domain, --portbase, --db and --redis-db given).
Measurements hold `/tmp/fileparser-it.lock` (waiting at most --lock-wait-s for it), so no system test
shares the machine meanwhile; the load average is logged before and after each measurement.
"""
import argparse
import fcntl
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TENANT = "bench-000"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def psql(db, sql, *extra):
    return subprocess.check_output(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-Atq", *extra, "-c", sql], text=True
    ).strip()


def wait_ready(base, timeout_s=600):
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/health/ready", timeout=5) as r:
                if r.status == 200:
                    return
        except Exception:
            pass
        time.sleep(2)
    sys.exit(f"{base}/health/ready did not answer 200 within {timeout_s} s")


def seed(db, jobs):
    have = int(psql(db, "select count(*) from jobs where tenant_id like 'bench-%' and tenant_id <> 'bench-bulk'") or 0)
    if have == jobs:
        log(f"database {db} already holds {jobs} bench jobs: kept")
        return
    if have:
        sys.exit(f"database {db} holds {have} bench jobs, not {jobs}: start it with payara/run --fresh")
    log(f"seeding {jobs} jobs over 100 tenants into {db}")
    started = time.time()
    subprocess.check_call(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-q", "-v", f"jobs={jobs}",
         "-f", os.path.join(HERE, "seed.sql")]
    )
    log(f"seeded in {time.time() - started:.0f} s")


def bearer():
    return subprocess.check_output(
        [os.path.join(ROOT, "payara", "token"), "--tenant", TENANT, "--roles", "admin", "--ttl", "7200"],
        text=True,
    ).strip()


def api_key(base, token):
    body = json.dumps({"name": f"status-bench-{int(time.time())}", "roles": ["service"]}).encode()
    request = urllib.request.Request(
        base + "/api/parser/api-keys",
        data=body,
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["secret"]


def job_ids(db, jobs, count):
    """Ids of the bench tenant's jobs (job n belongs to tenant (n - 1) % 100), spread over history."""
    per_tenant = jobs // 100
    step = max(1, per_tenant // count)
    numbers = [1 + 100 * k for k in range(0, per_tenant, step)][:count]
    rows = psql(db, "select md5('bench-job-' || n)::uuid from unnest(array[%s]) n" % ",".join(map(str, numbers)))
    return rows.split()


def loadavg():
    return os.getloadavg()[0]


def cpu_seconds(pid):
    """User + system CPU seconds the process has used so far (its threads included)."""
    if not pid:
        return None
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_pid(domain):
    """The Payara JVM of the domain, or None."""
    out = subprocess.run(["pgrep", "-f", f"/domains/{domain}/"], capture_output=True, text=True).stdout.split()
    for pid in out:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if b"com.sun.enterprise.glassfish.bootstrap" in f.read():
                    return int(pid)
        except OSError:
            pass
    return None


def autocannon(base, path_list, headers, connections, seconds, rate):
    """Saturation through autocannon (load.js); a fixed rate through paced.js, an open-loop client that
    sends one request every 1/rate s and times each from when it was due."""
    spec = {"url": base + path_list[0], "paths": path_list, "headers": headers,
            "connections": connections, "seconds": seconds, "rate": rate}
    script = "paced.js" if rate else "load.js"
    out = subprocess.check_output(["node", os.path.join(HERE, script), json.dumps(spec)], text=True)
    return json.loads(out.strip().splitlines()[-1])


def pgbench(db, jobs, clients, seconds):
    script = tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False)
    script.write(f"\\set n random(1, {jobs})\nSELECT * FROM jobs WHERE id = md5('bench-job-' || :n)::uuid;\n")
    script.close()
    try:
        out = subprocess.check_output(
            ["pgbench", "-h", "127.0.0.1", "-U", "postgres", "-n", "-M", "prepared", "-c", str(clients),
             "-j", "2", "-T", str(seconds), "-r", "-f", script.name, db],
            text=True, stderr=subprocess.STDOUT)
    finally:
        os.unlink(script.name)
    tps = float(re.search(r"tps = ([0-9.]+)", out).group(1))
    latency = float(re.search(r"latency average = ([0-9.]+) ms", out).group(1))
    return {"rps": tps, "avg_ms": latency}


def bulk_cancel(base, db, count):
    """Seeds `count` scheduled jobs for tenant bench-bulk, cancels them with one bulk request by filter
    and polls the operation until it is done: the time from the request to the last job cancelled."""
    run = str(int(time.time()))
    started = time.time()
    subprocess.check_call(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-q", "-v", f"count={count}", "-v", f"run={run}",
         "-f", os.path.join(HERE, "bulk_seed.sql")], stdout=subprocess.DEVNULL)
    log(f"bulk: {count} scheduled jobs seeded for bench-bulk in {time.time() - started:.0f} s")
    token = subprocess.check_output(
        [os.path.join(ROOT, "payara", "token"), "--tenant", "bench-bulk", "--roles", "admin", "--ttl", "7200"],
        text=True).strip()
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    body = json.dumps({"action": "cancel", "filter": {"state": ["SCHEDULED"]}}).encode()
    before = loadavg()
    started = time.time()
    request = urllib.request.Request(base + "/api/parser/jobs/bulk", data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=300) as response:
        location = response.headers.get("Location")
        answer = json.load(response)
    if not location:
        sys.exit(f"bulk cancel was not run in the background: {answer}")
    url = (location if location.startswith("http") else base + location) + "?limit=1"
    while True:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as response:
            operation = json.load(response)
        if operation.get("state") != "RUNNING":
            break
        time.sleep(0.2)
    elapsed = time.time() - started
    counts = {k: operation.get(k, 0) for k in ("done", "skipped", "failed")}
    log(f"bulk cancel of {count}: {elapsed:.1f} s, {counts}")
    return dict(case="bulk", title="bulk cancel", mode="background", jobs=count, seconds=elapsed,
                load_before=before, load_after=loadavg(), **counts)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--domain", default="fileparser-statusbench")
    p.add_argument("--portbase", type=int, default=24000)
    p.add_argument("--db", default="fileparser_statusbench")
    p.add_argument("--redis-db", type=int, default=10)
    p.add_argument("--base", help="the server (default http://127.0.0.1:<portbase + 80>)")
    p.add_argument("--start", action="store_true", help="start the domain with payara/run first")
    p.add_argument("--jobs", type=int, default=1_000_000)
    p.add_argument("--ids", type=int, default=2000, help="jobs of the bench tenant the status reads cycle over")
    p.add_argument("--seconds", type=int, default=20)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--rate", type=int, default=500)
    p.add_argument("--only", help="comma-separated subset of: health,status-jwt,status-key,jobs,pgbench,bulk")
    p.add_argument("--jit-warmup", type=int, default=60,
                   help="seconds of load on each case before anything is measured, so that the JIT has"
                        " compiled the request path (a fresh JVM costs several times as much per request)")
    p.add_argument("--bulk-jobs", type=int, default=10_000, help="jobs of the timed bulk cancel")
    p.add_argument("--label", default="", help="names this run in the table (e.g. before, after)")
    p.add_argument("--lock-wait-s", type=int, default=600)
    p.add_argument("--pid", type=int, help="the server JVM, for CPU per request (default: found by --domain)")
    p.add_argument("--out", help="write the results as JSON here")
    p.add_argument("--markdown", help="write the table as Markdown here")
    args = p.parse_args()
    base = args.base or f"http://127.0.0.1:{args.portbase + 80}"

    if args.start:
        subprocess.check_call(
            [os.path.join(ROOT, "payara", "run"), "--domain", args.domain, "--portbase", str(args.portbase),
             "--db", args.db, "--redis-db", str(args.redis_db), "--no-worker",
             "--set", "fileparser.dispatch.silence-window-s=86400",
             "--set", "fileparser.rate-limit.standard.read=100000000/60"])
    wait_ready(base)
    seed(args.db, args.jobs)
    token = bearer()
    key = api_key(base, token)
    ids = job_ids(args.db, args.jobs, args.ids)
    log(f"{len(ids)} job ids of {TENANT}; bearer token and API key ready")

    status_paths = [f"/api/parser/status/{i}" for i in ids]
    cases = {
        "health": ("GET /health/live", ["/health/live"], {}),
        "status-jwt": ("GET /status/{id}, bearer token", status_paths, {"Authorization": "Bearer " + token}),
        "status-key": ("GET /status/{id}, API key", status_paths, {"X-API-Key": key}),
        "jobs": ("GET /jobs?state=COMPLETED&limit=50, bearer token",
                 ["/api/parser/jobs?state=COMPLETED&limit=50"], {"Authorization": "Bearer " + token}),
    }
    only = set(args.only.split(",")) if args.only else set(cases) | {"pgbench", "bulk"}

    pid = args.pid or server_pid(args.domain)
    log(f"server JVM pid {pid}: CPU per request is measured" if pid else "server JVM not found: no CPU per request")
    idle_cpu = 0.0
    if pid:
        # what the server burns with no request (timers, pollers, the relay): taken off each measurement
        start = cpu_seconds(pid)
        time.sleep(10)
        idle_cpu = (cpu_seconds(pid) - start) / 10
        log(f"server idle CPU: {idle_cpu * 1000:.0f} ms/s")
    if args.jit_warmup:
        for name, (title, paths, headers) in cases.items():
            if name in only:
                log(f"JIT warm-up: {title} for {args.jit_warmup} s")
                autocannon(base, paths, headers, args.connections, args.jit_warmup, None)
    results = []
    with open("/tmp/fileparser-it.lock", "a+") as lock:
        deadline = time.time() + args.lock_wait_s
        locked = False
        while time.time() < deadline:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = True
                break
            except BlockingIOError:
                time.sleep(2)
        log("holding /tmp/fileparser-it.lock" if locked else "measuring WITHOUT the lock (another test holds it)")
        for name, (title, paths, headers) in cases.items():
            if name not in only:
                continue
            # every status answer must be 200: a 404 or 429 would measure the wrong thing
            probe = autocannon(base, paths[:50], headers, 1, 1, None)
            if probe["non2xx"] or probe["errors"]:
                sys.exit(f"{title}: answers other than 200 in a probe: {probe['statusCodes']}")
            autocannon(base, paths, headers, args.connections, args.warmup, None)
            for mode, rate in (("saturation", None), (f"{args.rate}/s", args.rate)):
                before = loadavg()
                cpu = cpu_seconds(pid)
                started = time.time()
                r = autocannon(base, paths, headers, args.connections, args.seconds, rate)
                elapsed = time.time() - started
                r.update(case=name, title=title, mode=mode, load_before=before, load_after=loadavg())
                if cpu is not None and r["requests"]:
                    busy = cpu_seconds(pid) - cpu - idle_cpu * elapsed
                    r["cpu_ms_per_request"] = max(0.0, busy) * 1000 / r["requests"]
                results.append(r)
                log(f"{title} [{mode}]: {r['rps']:.0f} req/s p50 {r['p50']} ms p99 {r['p99']} ms"
                    f" non-2xx {r['non2xx']} errors {r['errors']} server CPU {r.get('cpu_ms_per_request', 0):.2f} ms/request"
                    f" (load {before:.1f} -> {r['load_after']:.1f})")
        if "bulk" in only:
            results.append(bulk_cancel(base, args.db, args.bulk_jobs))
        if "pgbench" in only:
            before = loadavg()
            r = pgbench(args.db, args.jobs, args.connections, args.seconds)
            r.update(case="pgbench", title="pgbench: SELECT * FROM jobs WHERE id = $1", mode="saturation",
                     load_before=before, load_after=loadavg())
            results.append(r)
            log(f"pgbench point selects: {r['rps']:.0f} tps, average {r['avg_ms']} ms")

    bulk = [r for r in results if r["case"] == "bulk"]
    results = [r for r in results if r["case"] != "bulk"]
    floor = next((r["rps"] for r in results if r["case"] == "health" and r["mode"] == "saturation"), None)
    lines = ["| run | request | load | requests/s | p50 ms | p99 ms | of /health/live | server CPU ms/request"
             " | load avg |",
             "|---|---|---|---:|---:|---:|---:|---:|---|"]
    for r in results:
        ratio = f"{r['rps'] / floor:.2f}" if floor and r["mode"] == "saturation" else ""
        p50 = r.get("p50", "")
        p99 = r.get("p99", "")
        if r["case"] == "pgbench":
            p50, p99 = f"(avg {r['avg_ms']})", ""
        cpu = f"{r['cpu_ms_per_request']:.2f}" if "cpu_ms_per_request" in r else ""
        lines.append(f"| {args.label} | {r['title']} | {r['mode']} | {r['rps']:.0f} | {p50} | {p99} | {ratio}"
                     f" | {cpu} | {r['load_before']:.1f} → {r['load_after']:.1f} |")
    for r in bulk:
        lines.append("")
        lines.append(f"Bulk cancel of {r['jobs']} scheduled jobs by filter (`POST /jobs/bulk`, answered 202, polled until"
                     f" done): **{r['seconds']:.1f} s** ({r['jobs'] / r['seconds']:.0f} jobs/s; {r['done']} cancelled,"
                     f" {r['skipped']} skipped, {r['failed']} failed), load {r['load_before']:.1f} → {r['load_after']:.1f}.")
    table = "\n".join(lines)
    print(table)
    meta = {"label": args.label, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "machine": f"{os.cpu_count()} cores, {platform.platform()}", "jobs": args.jobs,
            "seconds": args.seconds, "connections": args.connections, "rate": args.rate,
            "command": " ".join(sys.argv), "results": results}
    if args.out:
        with open(args.out, "w") as f:
            json.dump(meta, f, indent=1)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
