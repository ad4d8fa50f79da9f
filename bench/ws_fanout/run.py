#!/usr/bin/python3
"""Live event fan-out to many WebSocket subscribers: ours against a Node `ws` reference, one run.

What it measures, for the application and for the reference server (bench/ws_fanout/reference-server.js,
`ws` + `ioredis`) one after the other in the same run, with the same load client (load-client.js):
  1. the time to open N subscribers (handshake with a bearer token, subscribe to the tenant, ack);
  2. heap per connection: heap used after a full GC with no subscriber and with N, divided by N
     (the application: `jcmd GC.run` then `GC.heap_info`; Node: `global.gc()` then heapUsed);
  3. the latency from the store of an event to its receipt by each subscriber, p50 / p99 / max, at
     fixed event rates. The application's path is the honest one: a PROGRESS state stored with
     Celery's own result backend (`backend.store_result`, what a worker's `update_state` does) for a
     running job, applied and committed by the application, published on its Redis channel and
     handed to the tenant's subscribers. The reference gets the same event JSON published straight
     on a Redis channel of its own. The stored/published message carries "wsb:<CLOCK_MONOTONIC ns>"
     taken just before the store; the client reads the same clock at receipt.

Subscribers are spread evenly over tenants, events go round-robin over the tenants' running jobs
(one event reaches the subscribers of its tenant: N / tenants of them). Each job reports at most once
per `jobs / rate` seconds, above the application's progress throttle (500 ms), so no event is
dropped by it.

Run against a bench domain without a worker (no job moves on its own); it prepares the jobs first,
then measures holding the system-test lock (--lock), at most --max-locked-s seconds:
    payara/run --domain fileparser-bench --portbase 23000 --db fileparser_bench --redis-db 6 --no-worker
    (cd bench/ws_fanout && npm ci)
    /usr/bin/python3 bench/ws_fanout/run.py
Needs Debian's python3-celery and python3-redis, psql, Node 20 and jcmd.
"""
import argparse
import fcntl
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import redis
from celery import Celery

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def token(tenant):
    return subprocess.check_output(
        [os.path.join(ROOT, "payara", "token"), "--tenant", tenant, "--roles", "member", "--ttl", "3600"],
        text=True,
    ).strip()


def upload(base, bearer, name):
    content = f"id,name,amount\n1,{name},1.50\n2,row,1.00\n".encode()
    request = urllib.request.Request(
        base + "/api/parser/upload",
        data=content,
        headers={
            "Authorization": "Bearer " + bearer,
            "Content-Type": "text/csv",
            "Content-Disposition": f'attachment; filename="{name}.csv"',
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["id"]


class Client:
    """The Node load client, one JSON command and answer a line."""

    def __init__(self):
        self.process = subprocess.Popen(
            ["node", os.path.join(HERE, "load-client.js")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, command):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the load client stopped")
        return json.loads(line)

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def payara_pid(domain):
    path = os.path.join(ROOT, "var", "payara6", "glassfish", "domains", domain, "config", "pid")
    with open(path) as f:
        return int(f.read().strip())


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def java_heap_after_gc(pid):
    """Heap used (bytes) after two full GCs, and the process RSS (KiB)."""
    for _ in range(2):
        subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    info = subprocess.check_output(["jcmd", str(pid), "GC.heap_info"], text=True)
    g1 = re.search(r"heap\s+total \d+K, used (\d+)K", info)
    shenandoah = re.search(r"Shenandoah Heap\s+.*?, (\d+)M used", info)
    if g1:
        used = int(g1.group(1)) * 1024
    elif shenandoah:  # " 1024M max, 1024M soft max, 215M committed, 210M used"
        used = int(shenandoah.group(1)) * 1024 * 1024
    else:  # ZGC: " ZHeap           used 402M, capacity 1024M, max capacity 1024M"
        used = int(re.search(r"ZHeap\s+used (\d+)M", info).group(1)) * 1024 * 1024
    return used, rss_kib(pid)


def node_heap_after_gc(port, pid):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=30) as response:
        stats = json.load(response)
    return stats["heapUsed"] + stats["external"], rss_kib(pid)


def pace(rate, seconds, emit):
    """Calls emit(i) rate times a second for seconds; returns how far behind schedule it fell."""
    total = int(rate * seconds)
    start = time.monotonic()
    worst = 0.0
    for i in range(total):
        due = start + i / rate
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        else:
            worst = max(worst, now - due)
        emit(i)
    return total, worst


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:23080")
    parser.add_argument("--domain", default="fileparser-bench")
    parser.add_argument("--db", default="fileparser_bench")
    parser.add_argument("--redis-db", type=int, default=6)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--tenants", type=int, default=100)
    parser.add_argument("--jobs-per-tenant", type=int, default=6)
    parser.add_argument("--rates", default="100,500")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--reference-port", type=int, default=23990)
    parser.add_argument("--skip", default="", help="'ours' or 'reference' to measure one side only")
    parser.add_argument("--out", help="write the results as JSON here")
    parser.add_argument("--lock", default="/tmp/fileparser-it.lock",
                        help="held while measuring (not while preparing), so no system test runs meanwhile")
    parser.add_argument("--max-locked-s", type=int, default=840, help="give up measuring after this long")
    args = parser.parse_args()
    rates = [int(r) for r in args.rates.split(",")]
    per_tenant = args.subscribers // args.tenants
    ws_base = args.base.replace("http://", "ws://", 1)
    results = {"subscribers": per_tenant * args.tenants, "tenants": args.tenants, "rates": rates,
               "seconds": args.seconds, "cores": os.cpu_count()}

    run = uuid.uuid4().hex[:6]
    tenants = [f"wsb-{run}-{i:03d}" for i in range(args.tenants)]
    log(f"tokens for {len(tenants)} tenants")
    with ThreadPoolExecutor(4) as pool:
        bearers = dict(zip(tenants, pool.map(token, tenants)))

    # Running jobs: uploaded (scanned, stored, queued, dispatched), no worker takes them.
    log(f"uploading {args.tenants * args.jobs_per_tenant} jobs")
    with ThreadPoolExecutor(4) as pool:
        plan = [(t, j) for j in range(args.jobs_per_tenant) for t in tenants]
        job_ids = list(pool.map(lambda tj: upload(args.base, bearers[tj[0]], f"wsb-{tj[1]}"), plan))
    deadline = time.monotonic() + 600
    while True:
        listed = subprocess.check_output(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", args.db, "-qtA", "-F", " ", "-c",
             "select id, tenant_id, celery_task_id from jobs where state = 'QUEUED'"
             " and celery_task_id is not null and tenant_id like 'wsb-" + run + "-%'"],
            text=True,
        )
        rows = {r[0]: (r[1], r[2]) for r in (line.split(" ") for line in listed.splitlines() if line)}
        if len(rows) == len(job_ids) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    if len(rows) != len(job_ids):
        sys.exit(f"only {len(rows)} of {len(job_ids)} jobs were queued within 600 s")
    jobs = [(job_id, *rows[job_id]) for job_id in job_ids]  # round-robin over tenants

    broker = f"redis://127.0.0.1:6379/{args.redis_db}"
    celery = Celery("wsbench", broker=broker, backend=broker)
    celery.conf.result_serializer = "json"
    backend = celery.backend
    plain = redis.Redis(host="127.0.0.1", port=6379, db=args.redis_db)
    reference_channel = f"fileparser.{args.redis_db}.bench-reference"
    seqs = {}

    def store_progress(i):
        job_id, tenant, task_id = jobs[i % len(jobs)]
        backend.store_result(
            task_id, {"step": "parsing", "percent": 50, "message": f"wsb:{time.monotonic_ns()}"}, "PROGRESS"
        )

    def publish_reference(i):
        job_id, tenant, task_id = jobs[i % len(jobs)]
        seq = seqs[job_id] = seqs.get(job_id, 2) + 1
        at = time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime())
        stamp = time.monotonic_ns()
        event = {
            "id": f"{job_id}:{seq}", "type": "job.progress", "tenantId": tenant, "jobId": job_id, "seq": seq,
            "at": at, "data": {"from": "RUNNING", "state": "RUNNING", "step": "parsing", "percent": 50,
                               "message": f"wsb:{stamp}"},
        }
        plain.publish(reference_channel, json.dumps(event, separators=(",", ":")))

    def measure(side, url, authorize, heap, emit):
        log(f"{side}: heap before")
        heap_before, rss_before = heap()
        client = Client()
        try:
            log(f"{side}: connecting {per_tenant * args.tenants} subscribers")
            tenant_list = [
                {"id": t, "authorization": ("Bearer " + bearers[t]) if authorize else None} for t in tenants
            ]
            connected = client.ask(
                {"cmd": "connect", "url": url, "tenants": tenant_list, "perTenant": per_tenant, "concurrency": 100}
            )
            log(f"{side}: {connected}")
            time.sleep(3)
            heap_after, rss_after = heap()
            n = max(connected["connected"], 1)
            side_result = {
                "connected": connected["connected"], "failed": connected["failed"],
                "connect_seconds": connected["seconds"],
                "heap_per_connection": (heap_after - heap_before) / n,
                "rss_per_connection": (rss_after - rss_before) * 1024 / n,
                "heap_before": heap_before, "heap_after": heap_after,
                "rates": {},
            }
            log(f"{side}: heap per connection {side_result['heap_per_connection'] / 1024:.1f} KiB,"
                f" RSS per connection {side_result['rss_per_connection'] / 1024:.1f} KiB")
            # Warm-up: every job reports once (a queued job becomes running), then a quiet moment.
            pace(50, len(jobs) / 50, emit)
            time.sleep(3)
            for rate in rates:
                client.ask({"cmd": "reset"})
                log(f"{side}: {rate} events/s for {args.seconds} s")
                sent, behind = pace(rate, args.seconds, emit)
                # Until every event is in or nothing more arrives for 3 s (at most 90 s): a side
                # that fell behind drains before the next measurement starts.
                report, quiet, drain_end = client.ask({"cmd": "report"}), 0, time.monotonic() + 90
                while report["received"] < sent * per_tenant and quiet < 3 and time.monotonic() < drain_end:
                    time.sleep(1)
                    latest = client.ask({"cmd": "report"})
                    quiet = quiet + 1 if latest["received"] == report["received"] else 0
                    report = latest
                report.update(published=sent, expected=sent * per_tenant, publisher_behind_ms=behind * 1000)
                log(f"{side}: {report}")
                side_result["rates"][str(rate)] = report
                time.sleep(2)
            client.ask({"cmd": "close"})
        finally:
            client.stop()
        return side_result

    # The load itself runs under the system-test lock, for a bounded time.
    lock = open(args.lock, "a")
    log(f"waiting for {args.lock}")
    fcntl.flock(lock, fcntl.LOCK_EX)
    log("lock held")

    def overrun(signum, frame):
        raise TimeoutError(f"measuring took longer than {args.max_locked_s} s")

    signal.signal(signal.SIGALRM, overrun)
    signal.alarm(args.max_locked_s)
    if args.skip != "ours":
        pid = payara_pid(args.domain)
        results["ours"] = measure(
            "ours", ws_base + "/api/parser/websocket", True, lambda: java_heap_after_gc(pid), store_progress
        )
        time.sleep(5)
    if args.skip != "reference":
        reference = subprocess.Popen(
            ["node", "--expose-gc", os.path.join(HERE, "reference-server.js"), "--port", str(args.reference_port),
             "--redis-db", str(args.redis_db), "--channel", reference_channel],
            stdout=subprocess.PIPE, text=True,
        )
        try:
            reference.stdout.readline()  # listening
            results["reference"] = measure(
                "reference", f"ws://127.0.0.1:{args.reference_port}/ws", False,
                lambda: node_heap_after_gc(args.reference_port, reference.pid), publish_reference,
            )
        finally:
            reference.terminate()
            reference.wait(timeout=30)

    signal.alarm(0)
    fcntl.flock(lock, fcntl.LOCK_UN)
    log("lock released")
    print(json.dumps(results, indent=2))
    if args.out:
        with open(args.out, "w") as out:
            json.dump(results, out, indent=2)
    if "ours" in results and "reference" in results:
        print(table(results))


def table(results):
    ours, ref = results["ours"], results["reference"]

    def ratio(a, b):
        return f"{a / b:.1f}x" if a is not None and b else "n/a"

    rows = [
        "| measure | ours | Node ws reference | ours / reference |",
        "|---|---|---|---|",
        f"| connect {ours['connected']} / {ref['connected']} subscribers | {ours['connect_seconds']:.1f} s"
        f" | {ref['connect_seconds']:.1f} s | {ratio(ours['connect_seconds'], ref['connect_seconds'])} |",
        f"| heap per connection (after GC) | {ours['heap_per_connection'] / 1024:.1f} KiB"
        f" | {ref['heap_per_connection'] / 1024:.1f} KiB"
        f" | {ratio(ours['heap_per_connection'], ref['heap_per_connection'])} |",
        f"| RSS per connection | {ours['rss_per_connection'] / 1024:.1f} KiB"
        f" | {ref['rss_per_connection'] / 1024:.1f} KiB"
        f" | {ratio(ours['rss_per_connection'], ref['rss_per_connection'])} |",
    ]
    for rate in results["rates"]:
        o, r = ours["rates"][str(rate)], ref["rates"][str(rate)]
        for key in ("p50", "p99", "max"):
            rows.append(
                f"| {rate} events/s: store -> client {key} | {o[key]:.1f} ms | {r[key]:.1f} ms"
                f" | {ratio(o[key], r[key])} |"
            )
        rows.append(
            f"| {rate} events/s: received / expected | {o['received']} / {o['expected']}"
            f" | {r['received']} / {r['expected']} | |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    main()
