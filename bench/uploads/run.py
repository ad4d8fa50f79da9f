#!/usr/bin/python3
"""How fast the File Parser API accepts uploads, against the reference tus server, side by side in one run.

The reference is the tus project's own Node server, @tus/server with @tus/file-store (reference-server.js),
on a loopback port of its own; the application is one or more running domains (--target NAME=DOMAIN@BASE,
e.g. one with scanning and one without). The same Node client (client.js: tus-js-client, or Node's http
module for the raw-body POST) measures both sides, in the same run, interleaved:

  large  after --warmup-large-mib (512) MiB sent to each target by POST /upload in 8 MiB files (a new JVM
         encrypts with AES-GCM in plain Java until the JIT's second tier compiles its callers),
         a --size-mib (100) MiB Asterisk Master.csv call-detail record file, --runs (3) times each, median MiB/s:
         (a) tus-js-client to the reference and (b) to our /api/parser/upload/stream, each with
             --chunk-sizes (16 MiB and Infinity: one PATCH with the whole file);
         (c) a raw-body POST /api/parser/upload to ours (Node http, streamed from the file, Content-Length).
         Every upload ends with a row of its own, so no upload is deduplicated against another.
         For ours, the server JVM's heap: used after a full GC before the large uploads (jcmd GC.run,
         GC.heap_info), sampled every 200 ms during each upload (jstat -gc) for the peak, and after a full
         GC once they are done; also the server's CPU seconds and RSS (/proc) during each upload, for the
         reference too.
  small  --small-count (600) files of 2-10 KiB, each distinct, from --concurrency (8) clients and from 1:
         ours by POST /upload and by tus (creation-with-upload: one POST per file), the reference by tus
         (creation-with-upload); uploads/s and latency p50/p90/p99/max. Where PostgreSQL has
         pg_stat_statements loaded (shared_preload_libraries) and created in a target's database (its
         DB_NAME in var/domains/DOMAIN.env), also that database's statements, execution time and WAL
         per upload (the database's entries are reset before each measurement; -h/-p/-U from
         FILEPARSER_DB_HOST, FILEPARSER_DB_PORT and postgres).

A table with the ratios ours / reference goes to standard output, everything measured to --out as JSON.
It only talks to 127.0.0.1. Every loop is bounded; --max-s bounds the whole run (SIGALRM). The data
(the large file, the small files) is generated once and kept in var/bench/. Measuring holds
/tmp/fileparser-it.lock when it can get it within --lock-wait-s (else it says so and measures anyway).

    (cd bench/uploads && npm ci)
    /usr/bin/python3 bench/uploads/run.py \\
        --target local-scan=fileparser-upbench@http://127.0.0.1:30080 \\
        --target local-noscan=fileparser-upbench-noscan@http://127.0.0.1:30280 \\
        [--runs 3] [--size-mib 100] [--small-count 600] [--skip-large] [--skip-small] [--out result.json]

Without --target: --base (http://127.0.0.1:30080) and --domain (fileparser-upbench) name the one target.
Needs Node 20 (bench/uploads/node_modules), jcmd and jstat (JDK 17), and a token from payara/token.
"""
import argparse
import fcntl
import json
import os
import random
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
from proc_cpu import cpu_seconds_by, machine_cpu_seconds  # noqa: E402 - bench/, beside this bench
VAR_BENCH = os.path.join(ROOT, "var", "bench")
MIB = 1024 * 1024
LOOPBACK = ("127.0.0.1", "localhost")


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------
# Data: Asterisk cdr_csv Master.csv rows (no header, 18 fields: accountcode, src, dst, dcontext, clid,
# channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags,
# uniqueid, userfield), the layout of corpus/detection/cdr-asterisk-master.csv, with varied values.

NAMES = ["Alice, Sales", "Bob Support", "Carol", "Dave, Ops", "Erin", "Frank Billing", "Grace", "Heidi NOC"]
DISPOSITIONS = ["ANSWERED"] * 12 + ["NO ANSWER"] * 4 + ["BUSY"] * 2 + ["FAILED", "CONGESTION"]
CONTEXTS = ["from-internal", "from-trunk", "ext-local", "macro-dialout-trunk"]
BASE_EPOCH = 1704067200  # 2024-01-01 00:00:00 UTC


def stamp(epoch):
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(epoch))


def cdr_row(rng, n, uniqueid):
    src = str(1000 + rng.randrange(9000))
    dst = rng.choice([str(1000 + rng.randrange(9000)), "00" + str(rng.randrange(10**9, 10**12))])
    start = BASE_EPOCH + n * 7 + rng.randrange(7)
    disposition = rng.choice(DISPOSITIONS)
    ring = rng.randrange(1, 30)
    if disposition == "ANSWERED":
        billsec = rng.randrange(1, 3600)
        answer = f'"{stamp(start + ring)}"'
    else:
        billsec = 0
        answer = ""
    duration = ring + billsec
    name = rng.choice(NAMES)
    return (
        f'"","{src}","{dst}","{rng.choice(CONTEXTS)}","""{name}"" <{src}>","SIP/{src}-{n & 0xffffffff:08x}",'
        f'"SIP/{dst}-{(n * 31) & 0xffffffff:08x}","Dial","SIP/{dst},30,tT","{stamp(start)}",{answer},'
        f'"{stamp(start + duration)}",{duration},{billsec},"{disposition}","DOCUMENTATION","{uniqueid}",""\n'
    )


def unique_row_template(tag):
    """A row for client.js --append-row: valid in the layout, '{id}' becomes a unique token per upload."""
    return (
        f'"","1999","2999","from-internal","""Bench"" <1999>","SIP/1999-00000001","SIP/2999-00000002",'
        f'"Dial","SIP/2999,30,tT","2024-06-01 12:00:00","2024-06-01 12:00:05","2024-06-01 12:01:05",65,60,'
        f'"ANSWERED","DOCUMENTATION","{tag}.{{id}}",""'
    )


def large_file(size_mib):
    path = os.path.join(VAR_BENCH, f"uploads-cdr-{size_mib}MiB.csv")
    if os.path.exists(path) and os.path.getsize(path) >= size_mib * MIB:
        return path
    log(f"generating {path}")
    rng = random.Random(20261130)
    target = size_mib * MIB
    size, n = 0, 0
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="ascii", newline="") as out:
        batch = []
        while size < target:
            row = cdr_row(rng, n, f"1704067200.{n}")
            batch.append(row)
            size += len(row)
            n += 1
            if len(batch) == 10000:
                out.write("".join(batch))
                batch = []
        out.write("".join(batch))
    os.replace(tmp, path)
    return path


def head_file(big, mib):
    """The first whole lines of big, about mib MiB: for warming up."""
    path = os.path.join(VAR_BENCH, f"uploads-cdr-head-{mib}MiB.csv")
    if not os.path.exists(path):
        with open(big, "rb") as f:
            data = f.read(mib * MIB)
        with open(path, "wb") as out:
            out.write(data[: data.rfind(b"\n") + 1])
    return path


def small_files(count):
    """count distinct files of 2-10 KiB in var/bench/uploads-small/, made once (more made when needed)."""
    directory = os.path.join(VAR_BENCH, "uploads-small")
    os.makedirs(directory, exist_ok=True)
    have = len([n for n in os.listdir(directory) if n.endswith(".csv")])
    if have < count:
        log(f"generating {count - have} small files in {directory}")
    for i in range(have, count):
        rng = random.Random(i)
        target = rng.randrange(2 * 1024, 10 * 1024)
        rows, size, n = [], 0, 0
        while size < target:
            row = cdr_row(rng, i * 1000 + n, f"small.{i}.{n}")
            rows.append(row)
            size += len(row)
            n += 1
        with open(os.path.join(directory, f"calls-{i:05d}.csv"), "w", encoding="ascii", newline="") as out:
            out.write("".join(rows))
    return directory


# ---------------------------------------------------------------------------------------------------
# Processes: the client, the reference server, the server JVM's heap, CPU and RSS.

def client(args_list, bearer=None, timeout=600):
    """Runs client.js once; its JSON answer (with 'error' when it failed)."""
    env = dict(os.environ)
    env.pop("BENCH_AUTHORIZATION", None)
    if bearer:
        env["BENCH_AUTHORIZATION"] = "Bearer " + bearer
    try:
        done = subprocess.run(
            ["node", os.path.join(HERE, "client.js"), *args_list],
            capture_output=True, text=True, timeout=timeout, env=env,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"client timed out after {timeout} s"}
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    try:
        answer = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        answer = {"error": f"client exit {done.returncode}: {done.stdout[-500:]} {done.stderr[-1000:]}"}
    if done.returncode != 0 and "error" not in answer:
        answer["error"] = f"client exit {done.returncode}: {done.stderr[-1000:]}"
    return answer


def token(tenant):
    return subprocess.check_output(
        [os.path.join(ROOT, "payara", "token"), "--tenant", tenant, "--roles", "member", "--ttl", "3600"],
        text=True, timeout=60,
    ).strip()


def server_pid(domain):
    path = os.path.join(ROOT, "var", "payara6", "glassfish", "domains", domain, "config", "pid")
    try:
        with open(path) as f:
            pid = int(f.read().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        pass
    found = subprocess.run(["pgrep", "-f", f"-domainname {re.escape(domain)}( |$)"], capture_output=True, text=True)
    pids = [int(p) for p in found.stdout.split()]
    return pids[0] if len(pids) == 1 else None


def proc_status(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            m = re.search(rf"{key}:\s+(\d+) kB", f.read())
        return int(m.group(1)) * 1024 if m else None
    except OSError:
        return None


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def written_bytes(pid):
    """Bytes the process caused to be written to storage so far (/proc/<pid>/io write_bytes)."""
    try:
        with open(f"/proc/{pid}/io") as f:
            m = re.search(r"^write_bytes:\s+(\d+)", f.read(), re.M)
        return int(m.group(1)) if m else None
    except OSError:
        return None


# Processes by what they are to an upload, for the CPU per upload of each: the server under test
# (the JVM or the reference), the database, the scanner, the bench's clients, the kernel's threads.
PROCESS_KINDS = (("postgres", ("postgres",)), ("clamd", ("clamd",)), ("redis", ("redis-server",)),
                 ("kernel", ("kworker", "ksoftirqd", "kswapd", "kcompactd", "jbd2", "rcu_", "migration",
                             "kdamond", "khugepaged", "irq/")))


KIND_LABELS = {"server": "server", "postgres": "PostgreSQL", "clamd": "clamd", "redis": "Redis",
               "node": "bench's clients", "kernel": "kernel", "aside": "other servers under test",
               "other": "other"}


def cpu_by_kind(server_pids, aside_pids=()):
    """CPU seconds used so far by every live process, summed by kind (see PROCESS_KINDS); 'server'
    is the processes named, 'node' the bench's clients (every other node process, and the children
    this bench ran and waited for: the clients, and jstat while the large uploads are sampled),
    'aside' the other servers under test (idle while one is measured), 'other' the rest."""
    def classify(pid, comm):
        if pid in server_pids:
            return "server"
        if pid in aside_pids:
            return "aside"
        if comm == "node":
            return "node"
        return next((k for k, prefixes in PROCESS_KINDS if comm.startswith(prefixes)), "other")
    return cpu_seconds_by(classify, children_kind="node")


def heap_after_gc(pid):
    """Heap used (bytes) after two full GCs (jcmd)."""
    for _ in range(2):
        subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True, timeout=120)
    info = subprocess.check_output(["jcmd", str(pid), "GC.heap_info"], text=True, timeout=60)
    m = re.search(r"heap\s+total (\d+)K, used (\d+)K", info)
    return int(m.group(2)) * 1024, int(m.group(1)) * 1024


class Sampler:
    """While running: the JVM's heap every 200 ms (jstat -gc), RSS of the watched processes (/proc)."""

    def __init__(self, jvm_pid, rss_pids, jstat=True, aside_pids=()):
        self.jvm_pid = jvm_pid
        self.aside_pids = {p for p in aside_pids if p}
        self.use_jstat = jstat
        self.rss_pids = [p for p in rss_pids if p]
        self.heap = []   # (used, old used) bytes
        self.gc = []     # (YGC, FGC, GCT)
        self.rss = {p: [] for p in self.rss_pids}
        self.cpu0 = {p: cpu_seconds(p) for p in self.rss_pids}
        self.written0 = {p: written_bytes(p) for p in self.rss_pids}
        self.machine0 = machine_cpu_seconds()
        self.kinds0 = cpu_by_kind(set(self.rss_pids), self.aside_pids)
        self.stop_event = threading.Event()
        self.jstat = None
        self.jstat_cpu = 0.0
        self.threads = []

    def __enter__(self):
        if self.jvm_pid and self.use_jstat:
            self.jstat = subprocess.Popen(
                ["jstat", "-gc", str(self.jvm_pid), "200"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
            )
            self.threads.append(threading.Thread(target=self._read_jstat, daemon=True))
        self.threads.append(threading.Thread(target=self._poll_rss, daemon=True))
        for t in self.threads:
            t.start()
        return self

    def _read_jstat(self):
        header = None
        for line in self.jstat.stdout:
            cols = line.split()
            if not cols:
                continue
            if cols[0] == "S0C":
                header = cols
                continue
            if header is None or len(cols) != len(header):
                continue
            try:
                row = dict(zip(header, (float(c) if c != "-" else 0.0 for c in cols)))
            except ValueError:
                continue
            used = (row.get("S0U", 0) + row.get("S1U", 0) + row.get("EU", 0) + row.get("OU", 0)) * 1024
            self.heap.append((used, row.get("OU", 0) * 1024))
            self.gc.append((row.get("YGC", 0), row.get("FGC", 0), row.get("GCT", 0)))

    def _poll_rss(self):
        while not self.stop_event.wait(0.2):
            for p in self.rss_pids:
                v = proc_status(p, "VmRSS")
                if v:
                    self.rss[p].append(v)

    def __exit__(self, *exc):
        time.sleep(0.3)  # one more jstat line after the end
        self.stop_event.set()
        if self.jstat:
            self.jstat_cpu = cpu_seconds(self.jstat.pid) or 0.0
            self.jstat.terminate()
            try:
                self.jstat.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.jstat.kill()
        for t in self.threads:
            t.join(timeout=5)
        return False

    def summary(self, baseline_heap=None):
        out = {"machine_cpu_seconds": machine_cpu_seconds() - self.machine0}
        kinds = cpu_by_kind(set(self.rss_pids), self.aside_pids)
        # jstat, ended and waited for, is in this bench's children's time: counted as other, not a client
        kinds["node"] = kinds.get("node", 0.0) - self.jstat_cpu
        kinds["other"] = kinds.get("other", 0.0) + self.jstat_cpu
        # a process that ended during the measurement takes its time with it: never below zero
        out["cpu_seconds_by_kind"] = {k: max(0.0, v - self.kinds0.get(k, 0.0)) for k, v in kinds.items()}
        out["aside_pids"] = sorted(self.aside_pids)
        if self.heap:
            out["heap_peak_used"] = max(h[0] for h in self.heap)
            out["heap_first_used"] = self.heap[0][0]
            out["old_first_used"] = self.heap[0][1]
            out["old_peak_used"] = max(h[1] for h in self.heap)
            out["old_growth"] = out["old_peak_used"] - out["old_first_used"]
            if baseline_heap is not None:
                out["heap_peak_growth"] = out["heap_peak_used"] - baseline_heap
            first, last = self.gc[0], self.gc[-1]
            out["young_gcs"] = int(last[0] - first[0])
            out["full_gcs"] = int(last[1] - first[1])
            out["gc_seconds"] = last[2] - first[2]
            out["heap_samples"] = len(self.heap)
        for p in self.rss_pids:
            key = "jvm" if p == self.jvm_pid else "reference"
            if self.rss[p]:
                out[f"{key}_rss_peak"] = max(self.rss[p])
            c0, c1 = self.cpu0.get(p), cpu_seconds(p)
            if c0 is not None and c1 is not None:
                out[f"{key}_cpu_seconds"] = c1 - c0
            w0, w1 = self.written0.get(p), written_bytes(p)
            if w0 is not None and w1 is not None:
                out[f"{key}_written_bytes"] = w1 - w0
        return out


class Reference:
    def __init__(self, port, store):
        self.port = port
        self.store = store
        self.process = None

    def start(self):
        shutil.rmtree(self.store, ignore_errors=True)
        os.makedirs(self.store)
        self.process = subprocess.Popen(
            ["node", os.path.join(HERE, "reference-server.js"), "--port", str(self.port), "--dir", self.store],
            stdout=subprocess.PIPE, stderr=open(os.path.join(VAR_BENCH, "uploads-reference.log"), "w"), text=True,
        )
        ready, _, _ = select.select([self.process.stdout], [], [], 30)
        line = self.process.stdout.readline() if ready else ""
        if not line.startswith("listening"):
            self.stop()
            sys.exit(f"the reference server did not start (see {VAR_BENCH}/uploads-reference.log)")
        log(f"reference tus server (pid {self.process.pid}) on 127.0.0.1:{self.port}, store {self.store}")
        return self

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}/files"

    def clear(self):
        """Removes what the uploads stored (outside the measurements), keeping the directory."""
        for name in os.listdir(self.store):
            try:
                os.remove(os.path.join(self.store, name))
            except OSError:
                pass

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


# ---------------------------------------------------------------------------------------------------
# Targets (our domains).

class Target:
    def __init__(self, name, domain, base):
        parsed = urllib.parse.urlparse(base)
        if parsed.scheme != "http" or parsed.hostname not in LOOPBACK:
            sys.exit(f"target {name}: only http://127.0.0.1 bases are measured, not {base}")
        self.name, self.domain, self.base = name, domain, base.rstrip("/")
        self.api = self.base + "/api/parser"
        self.pid = None
        self.bearers = {}
        self.errors = []

    def database(self):
        """The domain's PostgreSQL database, as payara/run recorded it, or None."""
        try:
            with open(os.path.join(ROOT, "var", "domains", f"{self.domain}.env")) as f:
                for line in f:
                    key, _, value = line.strip().partition("=")
                    if key == "DB_NAME":
                        return value
        except OSError:
            pass
        return None

    def ready(self, wait_s=0):
        deadline = time.monotonic() + wait_s
        while True:
            try:
                with urllib.request.urlopen(self.base + "/health/ready", timeout=10) as r:
                    if b'"UP"' in r.read():
                        return True
            except Exception:  # noqa: BLE001 - any failure means not ready
                pass
            if time.monotonic() >= deadline:
                return False
            time.sleep(2)

    def bearer(self, tenant):
        if tenant not in self.bearers:
            self.bearers[tenant] = token(tenant)
        return self.bearers[tenant]

    def config(self):
        """What the server JVM runs with: the scan switch, the heap limit, the rate limit (jcmd)."""
        if not self.pid:
            return {}
        try:
            props = subprocess.check_output(["jcmd", str(self.pid), "VM.system_properties"], text=True, timeout=60)
            flags = subprocess.check_output(["jcmd", str(self.pid), "VM.flags"], text=True, timeout=60)
        except (subprocess.SubprocessError, OSError) as e:
            return {"error": str(e)}
        wanted = ("fileparser.scan.enabled", "fileparser.rate-limit.enabled", "fileparser.storage.local.root",
                  "fileparser.scan.clamd.port")
        out = {}
        for line in props.splitlines():
            key, _, value = line.partition("=")
            if key in wanted:
                out[key] = value.replace("\\:", ":")
        m = re.search(r"MaxHeapSize=(\d+)", flags)
        if m:
            out["MaxHeapSize"] = int(m.group(1))
        return out

    def job_steps(self, job_id, tenant):
        request = urllib.request.Request(
            f"{self.api}/status/{job_id}", headers={"Authorization": "Bearer " + self.bearer(tenant)}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                job = json.load(r)
            return {"state": job.get("state"), "format": (job.get("file") or {}).get("format"),
                    "size": (job.get("file") or {}).get("size"),
                    "steps": [{k: s.get(k) for k in ("name", "status", "detail", "startedAt", "finishedAt")}
                              for s in job.get("steps", [])]}
        except Exception as e:  # noqa: BLE001
            return {"error": str(e)}


def parse_targets(args):
    specs = args.target or [f"local={args.domain}@{args.base}"]
    targets = []
    for spec in specs:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)=([A-Za-z0-9_-]+)@(\S+)", spec)
        if not m:
            sys.exit(f"--target wants NAME=DOMAIN@BASE, not {spec}")
        targets.append(Target(*m.groups()))
    return targets


def psql(database, sql):
    """One statement through psql as postgres; its single line of output, or None if it failed."""
    host = os.environ.get("FILEPARSER_DB_HOST", "127.0.0.1")
    port = os.environ.get("FILEPARSER_DB_PORT", "5432")
    try:
        out = subprocess.run(["psql", "-h", host, "-p", port, "-U", "postgres", "-d", database, "-qAtX",
                              "-v", "ON_ERROR_STOP=1", "-c", sql],
                             capture_output=True, text=True, timeout=60)
    except (subprocess.SubprocessError, OSError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


class Statements:
    """The target database's entries of pg_stat_statements: reset, then summed (None where unavailable)."""
    OWN_DB = "(select oid from pg_database where datname = current_database())"

    def __init__(self, database):
        self.database = database

    def reset(self):
        if self.database is None:
            return False
        return psql(self.database, f"select pg_stat_statements_reset(0, {self.OWN_DB}, 0)") is not None

    def totals(self):
        line = psql(self.database, "select coalesce(sum(calls) filter (where query not in ('BEGIN', 'COMMIT')), 0),"
                                   " coalesce(sum(total_exec_time), 0), coalesce(sum(wal_bytes), 0)"
                                   f" from pg_stat_statements where dbid = {self.OWN_DB}")
        if not line:
            return None
        calls, exec_ms, wal = line.split("|")
        return {"statements": int(calls), "exec_ms": float(exec_ms), "wal_bytes": int(float(wal))}


def measured(target, tenant, what, attempt, retry_wait_s=180):
    """attempt() once; on failure wait until the target is ready again and try once more."""
    result = attempt()
    if "error" in result and target is not None:
        log(f"{target.name} {what}: {result}")
        target.errors.append({"what": what, "tenant": tenant, **result})
        if target.ready(retry_wait_s):
            log(f"{target.name} {what}: retrying once")
            result = attempt()
            if "error" in result:
                log(f"{target.name} {what}: again {result}")
                target.errors.append({"what": what + " (retry)", "tenant": tenant, **result})
    return result


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


# ---------------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", action="append", help="NAME=DOMAIN@BASE, repeatable")
    parser.add_argument("--base", default="http://127.0.0.1:30080")
    parser.add_argument("--domain", default="fileparser-upbench")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size-mib", type=int, default=100)
    parser.add_argument("--chunk-sizes", default="16,inf", help="tus-js-client chunkSize in MiB, or inf (Infinity)")
    parser.add_argument("--small-count", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=30, help="small uploads per path before measuring")
    parser.add_argument("--warmup-large-mib", type=int, default=512,
                        help="MiB each target is sent by POST /upload (8 MiB at a time) before the large uploads are"
                             " measured: a new JVM encrypts in plain Java until its AES-GCM callers reach C2")
    parser.add_argument("--prefer-async", action="append", default=[], metavar="NAME",
                        help="a target whose large uploads (tus and POST /upload) are sent with Prefer: respond-async,"
                             " so that their answers do not wait for clamd's verdict; repeatable (two targets may name"
                             " the same domain, one of them here)")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--skip-small", action="store_true")
    parser.add_argument("--skip-ours-tus-small", action="store_true", help="no small uploads to ours by tus")
    parser.add_argument("--reference-port", type=int, default=30990)
    parser.add_argument("--out", default=os.path.join(VAR_BENCH, "uploads-result.json"))
    parser.add_argument("--lock-wait-s", type=int, default=300)
    parser.add_argument("--max-s", type=int, default=3600, help="give up after this long")
    args = parser.parse_args()
    if args.runs < 1 or args.small_count < 1 or args.concurrency < 1 or args.size_mib < 1:
        sys.exit("--runs, --small-count, --concurrency and --size-mib must be positive")
    if args.warmup_large_mib < 0:
        sys.exit("--warmup-large-mib must not be negative")
    chunk_sizes = []
    for c in args.chunk_sizes.split(","):
        chunk_sizes.append("inf" if c.strip() in ("inf", "Infinity") else str(int(float(c) * MIB)))
    targets = parse_targets(args)
    unknown = set(args.prefer_async) - {t.name for t in targets}
    if unknown:
        sys.exit(f"--prefer-async names no target: {', '.join(sorted(unknown))}")
    run_id = uuid.uuid4().hex[:6]

    def overrun(signum, frame):
        raise TimeoutError(f"the run took longer than --max-s {args.max_s} s")

    signal.signal(signal.SIGALRM, overrun)
    signal.alarm(args.max_s)

    os.makedirs(VAR_BENCH, exist_ok=True)
    results = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "run_id": run_id, "cores": os.cpu_count(), "load_before": loadavg(),
        "node": subprocess.check_output(["node", "--version"], text=True).strip(),
        "git_head": subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                                   capture_output=True, text=True).stdout.strip(),
        "settings": {"runs": args.runs, "size_mib": args.size_mib, "chunk_sizes": chunk_sizes,
                     "small_count": args.small_count, "concurrency": args.concurrency, "warmup": args.warmup,
                     "warmup_large_mib": 0 if args.skip_large else args.warmup_large_mib},
        "targets": {}, "reference": {"large": {}, "small": {}},
    }
    for t in targets:
        if not t.ready(30):
            sys.exit(f"target {t.name}: {t.base}/health/ready does not answer UP")
        t.pid = server_pid(t.domain)
        mark = os.path.join(ROOT, "var", "domains", f"{t.domain}.deployed")
        results["targets"][t.name] = {
            "domain": t.domain, "base": t.base, "pid": t.pid, "config": t.config(),
            "deployed_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(os.path.getmtime(mark)))
            if os.path.exists(mark) else None,
            "large": {}, "small": {}, "heap": {},
        }
        if t.pid:
            c0 = cpu_seconds(t.pid)
            time.sleep(5)
            results["targets"][t.name]["idle_cpu_per_s"] = (cpu_seconds(t.pid) - c0) / 5
        log(f"target {t.name}: {t.base}, domain {t.domain}, JVM pid {t.pid}, {results['targets'][t.name]['config']},"
            f" idle CPU {results['targets'][t.name].get('idle_cpu_per_s', 0) * 1000:.0f} ms/s")

    def others(measured):
        """The pids of the targets other than the one measured (all of them for the reference)."""
        return [x.pid for x in targets if x is not measured and x.pid]

    # The machine's CPU by process while nothing is measured, every target idle: netted out of each
    # measurement's CPU by process (PostgreSQL's and Redis's background work, the idle targets').
    k0 = cpu_by_kind(set(), set(others(None)))
    time.sleep(5)
    k1 = cpu_by_kind(set(), set(others(None)))
    results["idle_cpu_by_kind_per_s"] = {k: max(0.0, v - k0.get(k, 0.0)) / 5 for k, v in k1.items()}
    log("idle CPU by process, ms/s: " + ", ".join(
        f"{k} {v * 1000:.0f}" for k, v in sorted(results["idle_cpu_by_kind_per_s"].items())))

    big = None if args.skip_large else large_file(args.size_mib)
    warm = None if args.skip_large else head_file(big, 8)
    small_dir = small_files(max(args.small_count, args.warmup))
    row = unique_row_template(f"upb-{run_id}")
    reference = Reference(args.reference_port, os.path.join(VAR_BENCH, "tus-store")).start()

    lock = open("/tmp/fileparser-it.lock", "a+")
    locked = False
    deadline = time.monotonic() + args.lock_wait_s
    while time.monotonic() < deadline:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            locked = True
            break
        except BlockingIOError:
            time.sleep(2)
    log("holding /tmp/fileparser-it.lock" if locked else "measuring WITHOUT /tmp/fileparser-it.lock (another holds it)")
    results["locked"] = locked
    large_timeout = 60 + args.size_mib * 6

    def preference(t):
        """The client arguments that send a target's large uploads with Prefer: respond-async, if it is one."""
        return ["--header", "Prefer: respond-async"] if t.name in args.prefer_async else []

    try:
        # ---- warm-up: every path once with 8 MiB and a few small uploads (not measured)
        for t in targets:
            tenant = f"upb-{run_id}-{t.name}-warm"
            log(f"{t.name}: warm-up")
            bearer = t.bearer(tenant)
            if warm:
                for chunk in chunk_sizes:
                    measured(t, tenant, f"warm-up tus {chunk}", lambda: client(
                        ["tus", "--endpoint", t.api + "/upload/stream", "--file", warm, "--chunk-size", chunk,
                         "--append-row", row, "--filename", "warm.csv"], bearer, large_timeout))
                def warm_post(t=t, bearer=bearer):
                    return client(["post", "--url", t.api + "/upload", "--file", warm, "--append-row", row,
                                   "--filename", "warm.csv"], bearer, large_timeout)
                measured(t, tenant, "warm-up post", warm_post)
                rounds = args.warmup_large_mib // 8
                if rounds:
                    log(f"{t.name}: warm-up, {rounds} x 8 MiB by POST /upload")
                for i in range(rounds):
                    measured(t, tenant, f"warm-up post {i + 1}", warm_post)
            if not args.skip_small and args.warmup:
                for kind, url in (("post", t.api + "/upload"), ("tus", t.api + "/upload/stream")):
                    measured(t, tenant, f"warm-up small {kind}", lambda: client(
                        ["many", "--target", kind, "--url", url, "--dir", small_dir, "--count", str(args.warmup),
                         "--concurrency", str(args.concurrency), "--append-row", row], bearer, 600))
        if warm:
            client(["tus", "--endpoint", reference.endpoint, "--file", warm, "--append-row", row])
        if not args.skip_small and args.warmup:
            client(["many", "--target", "tus", "--url", reference.endpoint, "--dir", small_dir,
                    "--count", str(args.warmup), "--concurrency", str(args.concurrency), "--append-row", row])
        reference.clear()

        # ---- large: interleaved, run by run
        if big:
            for t in targets:
                if t.pid:
                    used, committed = heap_after_gc(t.pid)
                    results["targets"][t.name]["heap"]["before_large_after_gc"] = used
                    results["targets"][t.name]["heap"]["committed"] = committed
                    log(f"{t.name}: heap used after full GC {used / MIB:.1f} MiB (committed {committed / MIB:.0f} MiB)")
            for run in range(1, args.runs + 1):
                for chunk in chunk_sizes:
                    key = f"tus chunk {'Infinity' if chunk == 'inf' else f'{int(chunk) / MIB:g} MiB'}"
                    with Sampler(None, [reference.process.pid], aside_pids=others(None)) as s:
                        r = client(["tus", "--endpoint", reference.endpoint, "--file", big, "--chunk-size", chunk,
                                    "--append-row", row, "--filename", "calls.csv"], None, large_timeout)
                    r.update(s.summary())
                    r["load"] = loadavg()
                    results["reference"]["large"].setdefault(key, []).append(r)
                    log(f"run {run} reference {key}: {r.get('MBps', 0):.1f} MiB/s {r.get('error', '')}")
                    reference.clear()
                    for t in targets:
                        tenant = f"upb-{run_id}-{t.name}-large"
                        bearer = t.bearer(tenant)
                        baseline = results["targets"][t.name]["heap"].get("before_large_after_gc")

                        def attempt(chunk=chunk, t=t, bearer=bearer, baseline=baseline):
                            with Sampler(t.pid, [t.pid], aside_pids=others(t)) as s:
                                r = client(["tus", "--endpoint", t.api + "/upload/stream", "--file", big,
                                            "--chunk-size", chunk, "--append-row", row, "--filename", "calls.csv",
                                            *preference(t)],
                                           bearer, large_timeout)
                            r.update(s.summary(baseline))
                            r["load"] = loadavg()
                            return r
                        r = measured(t, tenant, f"large {key} run {run}", attempt)
                        results["targets"][t.name]["large"].setdefault(key, []).append(r)
                        log(f"run {run} {t.name} {key}: {r.get('MBps', 0):.1f} MiB/s, heap peak growth "
                            f"{(r.get('heap_peak_growth') or 0) / MIB:.0f} MiB, job {r.get('jobId')} {r.get('error', '')}")
                for t in targets:
                    tenant = f"upb-{run_id}-{t.name}-large"
                    bearer = t.bearer(tenant)
                    baseline = results["targets"][t.name]["heap"].get("before_large_after_gc")

                    def attempt(t=t, bearer=bearer, baseline=baseline):
                        with Sampler(t.pid, [t.pid], aside_pids=others(t)) as s:
                            r = client(["post", "--url", t.api + "/upload", "--file", big, "--append-row", row,
                                        "--filename", "calls.csv", *preference(t)], bearer, large_timeout)
                        r.update(s.summary(baseline))
                        r["load"] = loadavg()
                        return r
                    r = measured(t, tenant, f"large post run {run}", attempt)
                    results["targets"][t.name]["large"].setdefault("raw POST /upload", []).append(r)
                    log(f"run {run} {t.name} raw POST: {r.get('MBps', 0):.1f} MiB/s, heap peak growth "
                        f"{(r.get('heap_peak_growth') or 0) / MIB:.0f} MiB, job {r.get('jobId')} {r.get('error', '')}")
                    if run == 1 and r.get("jobId"):
                        results["targets"][t.name]["first_post_job"] = t.job_steps(r["jobId"], tenant)
            for t in targets:
                if t.pid:
                    used, _ = heap_after_gc(t.pid)
                    results["targets"][t.name]["heap"]["after_large_after_gc"] = used
                    log(f"{t.name}: heap used after full GC, after the large uploads: {used / MIB:.1f} MiB")

        # ---- small: many uploads, C clients and 1
        if not args.skip_small:
            for clients in sorted({args.concurrency, 1}, reverse=True):
                common = ["--dir", small_dir, "--count", str(args.small_count), "--concurrency", str(clients),
                          "--append-row", row, "--timeout-s", "900"]
                with Sampler(None, [reference.process.pid], aside_pids=others(None)) as s:
                    r = client(["many", "--target", "tus", "--url", reference.endpoint, *common], None, 960)
                r.update(s.summary())
                r["load"] = loadavg()
                results["reference"]["small"][f"tus x{clients}"] = r
                log(f"reference small tus x{clients}: {r.get('uploadsPerSec', 0):.1f}/s p50 {r.get('p50')} "
                    f"p99 {r.get('p99')} failed {r.get('failed')} {r.get('error', '')}")
                reference.clear()
                for t in targets:
                    kinds = [("POST /upload", "post", t.api + "/upload")]
                    if not args.skip_ours_tus_small:
                        kinds.append(("tus", "tus", t.api + "/upload/stream"))
                    for label, kind, url in kinds:
                        tenant = f"upb-{run_id}-{t.name}-small"
                        bearer = t.bearer(tenant)
                        def attempt(kind=kind, url=url, bearer=bearer, t=t):
                            statements = Statements(t.database())
                            counted = statements.reset()
                            with Sampler(t.pid, [t.pid], jstat=False, aside_pids=others(t)) as s:
                                r = client(["many", "--target", kind, "--url", url, *common], bearer, 960)
                            r.update(s.summary())
                            if counted:
                                r["postgres"] = statements.totals()
                            return r
                        r = measured(t, tenant, f"small {label} x{clients}", attempt)
                        r["load"] = loadavg()
                        results["targets"][t.name]["small"][f"{label} x{clients}"] = r
                        log(f"{t.name} small {label} x{clients}: {r.get('uploadsPerSec', 0):.1f}/s p50 {r.get('p50')}"
                            f" p99 {r.get('p99')} failed {r.get('failed')} {r.get('errors') or r.get('error', '')}")
    except (Exception, KeyboardInterrupt) as e:  # noqa: BLE001 - what was measured is still written
        results["aborted"] = repr(e)
        log(f"aborted: {e!r}")
    finally:
        signal.alarm(0)
        reference.stop()
        reference.clear()
        if locked:
            fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()

    for t in targets:
        results["targets"][t.name]["errors"] = t.errors
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    results["load_after"] = loadavg()
    summarize(results)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as out:
        json.dump(results, out, indent=2)
    log(f"results in {args.out}")
    print(table(results))


def net_of_idle(results, r):
    """r's CPU by process less what each kind used while idle (results' idle_cpu_by_kind_per_s) over
    r's seconds: the server's own idle is netted by server_cpu_net_seconds, the other targets' by
    their own idle rates."""
    kinds, seconds = r.get("cpu_seconds_by_kind"), r.get("seconds")
    if not kinds or not seconds:
        return None
    idle = results.get("idle_cpu_by_kind_per_s") or {}
    idle_by_pid = {t.get("pid"): t.get("idle_cpu_per_s", 0) for t in results["targets"].values()}
    net = {}
    for kind, cpu in kinds.items():
        if kind == "server":
            net[kind] = r.get("server_cpu_net_seconds", cpu)
        elif kind == "aside":
            net[kind] = max(0.0, cpu - sum(idle_by_pid.get(p, 0) for p in r.get("aside_pids", [])) * seconds)
        else:
            net[kind] = max(0.0, cpu - idle.get(kind, 0.0) * seconds)
    return net


def summarize(results):
    """Medians over the runs of each large measurement (failed runs left out)."""
    sides = [results["reference"]] + list(results["targets"].values())
    for side in sides:
        idle = side.get("idle_cpu_per_s", 0)
        for r in [r for runs in side["large"].values() for r in runs] + list(side["small"].values()):
            cpu = r.get("jvm_cpu_seconds", r.get("reference_cpu_seconds"))
            if cpu is not None and r.get("seconds"):
                r["server_cpu_net_seconds"] = max(0.0, cpu - idle * r["seconds"])
            net = net_of_idle(results, r)
            if net is not None:
                r["cpu_net_seconds_by_kind"] = net
        for r in side["small"].values():
            cpu = r.get("server_cpu_net_seconds")
            if r.get("ok"):
                r["server_cpu_ms_per_upload"] = None if cpu is None else cpu * 1000 / r["ok"]
                r["machine_cpu_ms_per_upload"] = r.get("machine_cpu_seconds", 0) * 1000 / r["ok"]
                if r.get("cpu_net_seconds_by_kind"):
                    r["machine_net_cpu_ms_per_upload"] = sum(r["cpu_net_seconds_by_kind"].values()) * 1000 / r["ok"]
                for kind, seconds in (r.get("cpu_net_seconds_by_kind") or {}).items():
                    if kind != "server":  # the server's is server_cpu_ms_per_upload
                        r[f"{kind}_cpu_ms_per_upload"] = seconds * 1000 / r["ok"]
                r["budget_ms_per_upload_at_500"] = (os.cpu_count() or 1) * 1000 / 500
                pg = r.get("postgres")
                if pg:
                    r["pg_statements_per_upload"] = pg["statements"] / r["ok"]
                    r["pg_exec_ms_per_upload"] = pg["exec_ms"] / r["ok"]
                    r["pg_wal_kib_per_upload"] = pg["wal_bytes"] / 1024 / r["ok"]
        side["large_median"] = {}
        for key, runs in side["large"].items():
            ok = [r for r in runs if "error" not in r]
            side["large_median"][key] = {
                "runs_ok": len(ok), "runs": len(runs),
                "MBps": median([r.get("MBps") for r in ok]),
                "seconds": median([r.get("seconds") for r in ok]),
                "heap_peak_growth": median([r.get("heap_peak_growth") for r in ok]),
                "old_growth": median([r.get("old_growth") for r in ok]),
                "cpu_seconds": median([r.get("server_cpu_net_seconds") for r in ok]),
                "rss_peak": median([r.get("jvm_rss_peak", r.get("reference_rss_peak")) for r in ok]),
                "written_bytes": median([r.get("jvm_written_bytes", r.get("reference_written_bytes"))
                                         for r in ok]),
                "machine_cpu_seconds": median([r.get("machine_cpu_seconds") for r in ok]),
                "cpu_seconds_by_kind": {
                    kind: median([(r.get("cpu_net_seconds_by_kind") or {}).get(kind) for r in ok])
                    for kind in sorted({k for r in ok for k in (r.get("cpu_net_seconds_by_kind") or {})})},
                "young_gcs": median([r.get("young_gcs") for r in ok]),
                "requests": median([r.get("requests") for r in ok]),
            }


def table(results):
    ref = results["reference"]
    names = list(results["targets"])
    head = "| measure | reference (@tus/server + FileStore) | " + " | ".join(
        f"{n} | {n} / ref" for n in names) + " |"
    rows = [head, "|" + "---|" * (2 + 2 * len(names))]

    def fmt(v, unit="", digits=1):
        return "n/a" if v is None else f"{v:.{digits}f}{unit}"

    def ratio(a, b):
        return "n/a" if a is None or not b else f"{a / b:.2f}"

    ref_large = ref.get("large_median", {})
    keys = list(ref_large)
    if any("raw POST /upload" in results["targets"][n].get("large_median", {}) for n in names):
        keys.append("raw POST /upload")
    size = results["settings"]["size_mib"]
    for key in keys:
        r = ref_large.get(key) or ref_large.get("tus chunk Infinity") or {}
        label = f"{size} MiB {key}, MiB/s (median)"
        if key == "raw POST /upload":
            label += " [ref: tus chunk Infinity]"
        cells = [label, fmt(r.get("MBps")) if key in ref_large else f"({fmt(r.get('MBps'))})"]
        for n in names:
            o = results["targets"][n].get("large_median", {}).get(key, {})
            ok = f" ({o.get('runs_ok')}/{o.get('runs')} ok)" if o and o.get("runs_ok") != o.get("runs") else ""
            cells += [fmt(o.get("MBps")) + ok, ratio(o.get("MBps"), r.get("MBps"))]
        rows.append("| " + " | ".join(cells) + " |")
    for key in keys:
        r = ref_large.get(key) or {}
        cells = [f"{size} MiB {key}: server process CPU s, net of its idle CPU (median)", fmt(r.get("cpu_seconds"), "", 2) if r else "-"]
        for n in names:
            o = results["targets"][n].get("large_median", {}).get(key, {})
            cells += [fmt(o.get("cpu_seconds"), "", 2), ratio(o.get("cpu_seconds"), r.get("cpu_seconds")) if r else "-"]
        rows.append("| " + " | ".join(cells) + " |")
    for key in keys:
        r = ref_large.get(key) or {}
        cells = [f"{size} MiB {key}: machine CPU s, all processes (median)",
                 fmt(r.get("machine_cpu_seconds"), "", 2) if r else "-"]
        for n in names:
            o = results["targets"][n].get("large_median", {}).get(key, {})
            cells += [fmt(o.get("machine_cpu_seconds"), "", 2),
                      ratio(o.get("machine_cpu_seconds"), r.get("machine_cpu_seconds")) if r else "-"]
        rows.append("| " + " | ".join(cells) + " |")
    def by_kind(o):
        kinds = o.get("cpu_seconds_by_kind") or {}
        return " · ".join(f"{KIND_LABELS.get(k, k)} {kinds[k]:.2f}" for k in KIND_LABELS if kinds.get(k)) or "-"

    for key in keys:
        r = ref_large.get(key) or {}
        cells = [f"{size} MiB {key}: CPU s by process, net of their idle CPU (median)", by_kind(r) if r else "-"]
        for n in names:
            cells += [by_kind(results["targets"][n].get("large_median", {}).get(key, {})), "-"]
        rows.append("| " + " | ".join(cells) + " |")
    for key in keys:
        r = ref_large.get(key) or {}
        cells = [f"{size} MiB {key}: server process's writes to storage, MiB (median)",
                 fmt(r["written_bytes"] / MIB, "", 0) if r.get("written_bytes") is not None else "-"]
        for n in names:
            o = results["targets"][n].get("large_median", {}).get(key, {})
            w = o.get("written_bytes")
            cells += [fmt(None if w is None else w / MIB, "", 0),
                      ratio(w, r.get("written_bytes")) if r.get("written_bytes") else "-"]
        rows.append("| " + " | ".join(cells) + " |")
    for key in keys:
        cells = [f"{size} MiB {key}: JVM heap peak above post-GC baseline, MiB (median)", "-"]
        for n in names:
            o = results["targets"][n].get("large_median", {}).get(key, {})
            g = o.get("heap_peak_growth")
            cells += [fmt(None if g is None else g / MIB, "", 0), "-"]
        rows.append("| " + " | ".join(cells) + " |")
    for key in keys:
        r = ref_large.get(key) or {}
        cells = [f"{size} MiB {key}: server RSS peak, MiB (median)",
                 fmt(r["rss_peak"] / MIB, "", 0) if r.get("rss_peak") else "-"]
        for n in names:
            o = results["targets"][n].get("large_median", {}).get(key, {})
            cells += [fmt(o["rss_peak"] / MIB, "", 0) if o.get("rss_peak") else "n/a", "-"]
        rows.append("| " + " | ".join(cells) + " |")
    heap_rows = [("JVM heap used after full GC before the large uploads, MiB", "before_large_after_gc"),
                 ("JVM heap used after full GC after them, MiB", "after_large_after_gc")]
    for label, key in heap_rows:
        cells = [label, "-"]
        for n in names:
            v = results["targets"][n]["heap"].get(key)
            cells += [fmt(None if v is None else v / MIB, "", 1), "-"]
        if any(results["targets"][n]["heap"].get(key) is not None for n in names):
            rows.append("| " + " | ".join(cells) + " |")

    ref_small = ref.get("small", {})
    for clients_key in ref_small:
        clients = clients_key.split(" x")[1]
        r = ref_small[clients_key]
        labels = sorted({k.rsplit(" x", 1)[0] for n in names for k in results["targets"][n]["small"]
                         if k.endswith(f" x{clients}")})
        for label in labels:
            for metric, unit, title in (("uploadsPerSec", "", "uploads/s"), ("p50", " ms", "p50"),
                                        ("p99", " ms", "p99"),
                                        ("server_cpu_ms_per_upload", " ms", "server process CPU per upload (net of idle)"),
                                        ("machine_cpu_ms_per_upload", " ms", "machine CPU per upload"),
                                        ("machine_net_cpu_ms_per_upload", " ms",
                                         "machine CPU per upload, every process net of its idle CPU"),
                                        ("budget_ms_per_upload_at_500", " ms",
                                         "machine CPU per upload that 500 uploads/s leave (cores / 500)"),
                                        ("postgres_cpu_ms_per_upload", " ms", "by process, net of idle: PostgreSQL"),
                                        ("clamd_cpu_ms_per_upload", " ms", "by process, net of idle: clamd"),
                                        ("redis_cpu_ms_per_upload", " ms", "by process, net of idle: Redis"),
                                        ("node_cpu_ms_per_upload", " ms", "by process, net of idle: the bench's clients"),
                                        ("kernel_cpu_ms_per_upload", " ms", "by process, net of idle: the kernel's threads"),
                                        ("aside_cpu_ms_per_upload", " ms", "by process, net of idle: other targets"),
                                        ("other_cpu_ms_per_upload", " ms", "by process, net of idle: other processes"),
                                        ("pg_statements_per_upload", "", "PostgreSQL statements per upload"),
                                        ("pg_exec_ms_per_upload", " ms", "PostgreSQL execution time per upload"),
                                        ("pg_wal_kib_per_upload", " KiB", "PostgreSQL WAL per upload")):
                if metric.startswith("pg_") and not any(
                        results["targets"][n]["small"].get(f"{label} x{clients}", {}).get(metric) is not None
                        for n in names):
                    continue
                ours_only = metric.startswith("pg_")
                cells = [f"{results['settings']['small_count']} small files, {clients} client(s), ours {label} vs ref tus: {title}",
                         "-" if ours_only else fmt(r.get(metric), unit)]
                for n in names:
                    o = results["targets"][n]["small"].get(f"{label} x{clients}", {})
                    bad = f" ({o.get('failed')} failed)" if o.get("failed") else ""
                    cells += [fmt(o.get(metric), unit) + (bad if metric == "uploadsPerSec" else ""),
                              "-" if ours_only else ratio(o.get(metric), r.get(metric))]
                rows.append("| " + " | ".join(cells) + " |")
    notes = [""]
    for n in names:
        errors = list(results["targets"][n].get("errors", []))
        for key, r in results["targets"][n]["small"].items():
            for e in r.get("errors") or []:
                errors.append({"what": f"small {key}", **e})
        seen = {}
        for e in errors:
            body = e.get("body") or ""
            try:
                code = json.loads(body).get("code")
            except (ValueError, AttributeError):
                code = body[:80]
            sig = (e.get("status"), code)
            if sig not in seen:
                seen[sig] = [0, e]
            seen[sig][0] += 1
        for (status, code), (count, e) in seen.items():
            notes.append(f"{n}: {count} x HTTP {status} {code} (first: {e['what']}): {(e.get('body') or e.get('error') or '')[:400]}")
    if results.get("aborted"):
        notes.append(f"ABORTED: {results['aborted']}")
    notes += [
        "",
        f"{results['started']} .. {results['finished']}, {results['cores']} cores, load before "
        f"{results['load_before']}, after {results['load_after']}, lock held: {results['locked']}, git {results['git_head']}",
        "MiB/s and uploads/s: higher is better; ratios are ours / reference (for latency, CPU: lower is better).",
    ]
    return "\n".join(rows + notes)


if __name__ == "__main__":
    main()
