#!/usr/bin/env python3
"""What PostgreSQL alone needs to register small uploads: pgbench runs one upload's registration
(registration.sql, the statements the application server sends for a small POST /upload) from C
clients against a database the application migrated, and reports registrations/s and PostgreSQL's
CPU per registration, net of its idle CPU, from /proc. Nothing else is measured: no HTTP, no
application server, no scanner. What it inserts (a tenant of its own per run) is removed at the end.

    /usr/bin/python3 bench/registration/run.py [--db fileparser] [--clients 8] [--seconds 20]
        [--runs 3] [--out result.json]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from proc_cpu import cpu_seconds_by, machine_cpu_seconds  # noqa: E402 - bench/, beside this bench


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def cpu_by_comm():
    """CPU seconds by process name: PostgreSQL's processes ('postgres'), pgbench (run and waited for
    by this process) and every other."""
    return cpu_seconds_by(lambda pid, comm: comm, children_kind="pgbench")


def psql(db, sql):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1",
                           "-qAtc", sql], check=True, capture_output=True, text=True).stdout.strip()


def remove_tenant(db, tenant):
    psql(db, f"""
        delete from job_events where job_id in (select id from jobs where tenant_id = '{tenant}');
        delete from job_steps where job_id in (select id from jobs where tenant_id = '{tenant}');
        delete from dispatch_outbox where tenant_id = '{tenant}';
        delete from jobs where tenant_id = '{tenant}';
        delete from stored_files where tenant_id = '{tenant}';
        delete from usage_counters where tenant_id = '{tenant}';
        delete from usage_storage_days where tenant_id = '{tenant}';
        delete from usage_storage where tenant_id = '{tenant}';
        delete from notifications where tenant_id = '{tenant}';
        delete from tenants where id = '{tenant}';""")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", default="fileparser", help="a database the application has migrated")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=int, default=20)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--idle-seconds", type=int, default=5)
    p.add_argument("--script", default="registration.sql",
                   help="registration.sql, or minimal.sql: the stored file, the job and its message alone")
    p.add_argument("--out")
    args = p.parse_args()

    tenant = f"pgbench-{int(time.time())}"
    results = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "db": args.db,
               "clients": args.clients, "seconds": args.seconds, "cores": os.cpu_count(),
               "tenant": tenant, "script": args.script, "runs": []}
    try:
        psql(args.db, f"insert into tenants (id, tier, created_at) values ('{tenant}', 'standard', now())")
        others = int(psql(args.db, "select count(*) from pg_stat_activity where datname = current_database()"
                                   " and pid <> pg_backend_pid() and backend_type = 'client backend'"))
        results["other_connections"] = others
        if others:
            # An application server on this database polls it and reacts to the outbox rows this
            # inserts (its relay dispatches them): its statements would be counted as the bench's.
            log(f"WARNING: {others} other connection(s) to {args.db}; stop the domain that uses it first")
        # Idle is measured once no autovacuum is at work (one may still run after earlier inserts).
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and int(psql(
                args.db, "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'")):
            time.sleep(2)
        c0 = cpu_by_comm()
        time.sleep(args.idle_seconds)
        idle = (cpu_by_comm().get("postgres", 0.0) - c0.get("postgres", 0.0)) / args.idle_seconds
        results["postgres_idle_cpu_per_s"] = idle
        log(f"PostgreSQL's idle CPU: {idle * 1000:.0f} ms/s")
        for run in range(1, args.runs + 1):
            before, m0, t0 = cpu_by_comm(), machine_cpu_seconds(), time.monotonic()
            done = subprocess.run(
                ["pgbench", "-h", "127.0.0.1", "-U", "postgres", "-n", "-M", "prepared",
                 "-c", str(args.clients), "-j", str(min(args.clients, os.cpu_count() or 1)),
                 "-T", str(args.seconds), "-D", f"tenant={tenant}",
                 "-f", os.path.join(HERE, args.script), args.db],
                capture_output=True, text=True)
            wall = time.monotonic() - t0
            after, m1 = cpu_by_comm(), machine_cpu_seconds()
            if done.returncode != 0:
                sys.exit(f"pgbench failed: {done.stderr.strip()[-2000:]}")
            count = int(re.search(r"actually processed: (\d+)", done.stdout).group(1))
            tps = float(re.search(r"tps = ([\d.]+)", done.stdout).group(1))
            pg = after.get("postgres", 0.0) - before.get("postgres", 0.0) - idle * wall
            r = {"run": run, "registrations": count, "per_second": tps,
                 "postgres_cpu_ms_per_registration": pg * 1000 / count,
                 "pgbench_cpu_ms_per_registration":
                     (after.get("pgbench", 0.0) - before.get("pgbench", 0.0)) * 1000 / count,
                 "machine_cpu_ms_per_registration": (m1 - m0) * 1000 / count,
                 "load": os.getloadavg()}
            results["runs"].append(r)
            log(f"run {run}: {tps:.1f} registrations/s, PostgreSQL {r['postgres_cpu_ms_per_registration']:.2f} ms"
                f" CPU each, pgbench {r['pgbench_cpu_ms_per_registration']:.2f} ms")
    finally:
        remove_tenant(args.db, tenant)
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    if args.out:
        with open(args.out, "w") as out:
            json.dump(results, out, indent=2)
    print(f"| run | clients | registrations/s | PostgreSQL CPU per registration | pgbench CPU per registration"
          f" | machine CPU per registration | CPU per registration that 500/s leave ({os.cpu_count()} cores) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results["runs"]:
        print(f"| {r['run']} | {args.clients} | {r['per_second']:.1f} | {r['postgres_cpu_ms_per_registration']:.2f} ms"
              f" | {r['pgbench_cpu_ms_per_registration']:.2f} ms | {r['machine_cpu_ms_per_registration']:.2f} ms"
              f" | {(os.cpu_count() or 1) * 1000 / 500:.2f} ms |")


if __name__ == "__main__":
    main()
