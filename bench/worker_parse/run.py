#!/usr/bin/python3
"""Parse throughput of the reference worker, beside Python's own ``csv.reader`` writing NDJSON.

    /usr/bin/python3 bench/worker_parse/run.py [--size-mib 100] [--files calls,asterisk,table]
        [--dir /tmp/worker-parse-bench] [--plain] [--profile] [--before DIR] [--worker DIR]
        [--save NAME] [--compare NAME]

Generates the benchmark files reproducibly (a fixed seed; regenerated only when missing or of
another size) in ``--dir``:

- ``calls.csv``: a generic CSV of call records (``call_id,caller,callee,start_time,duration,
  disposition``, ~59 bytes a record), read by the worker's header rules (``cdr-csv-header``);
- ``asterisk.csv``: Asterisk ``Master.csv`` (no header, 18 quoted columns), read by the built-in
  vendor template through the template engine;
- ``table.csv``: a generic table whose header names no call record fields (``generic-csv``:
  types inferred per column, values typed in the records).

About one row in a thousand is damaged (a missing callee, a bad duration or start, a short row), so
rejections are part of what is measured and compared.

Each file is parsed in this process the way the ``parser.process_file`` task does
(``pipeline.run`` with the built-in templates, a progress reporter that publishes nowhere, the
local store). Unless ``--plain``, the upload is stored encrypted and the records are written
encrypted, as the local store does with ``PARSER_LOCAL_KEYS`` set (``payara/run``). The baseline
reads the same (plain) file with ``csv.reader`` and writes each row as one JSON object per line.

Reported per file: wall seconds, MB/s (10^6 bytes of input a second), records/s, the worker's step
timings, and the ratio of the worker's MB/s to the baseline's in the same run (the machine is
shared: compare ratios, not absolute figures).

``--before DIR`` also parses each file with the worker in DIR (say, ``git archive <commit> worker``
unpacked somewhere), in a process of its own, right after the baseline and before this worker, so
the three share the machine's conditions; it prints a before/after table and whether the records and
result are identical.

``--save NAME`` keeps a digest of each file's records (decrypted) and of its result (without
timings and resources) in ``--dir/NAME.json``; ``--compare NAME`` checks the current run against
such a file and fails on any difference. ``--profile`` writes a cProfile of each worker parse to
``--dir/<file>.prof`` and prints its top functions.
"""

import argparse
import base64
import cProfile
import csv
import hashlib
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# --worker DIR parses with another checkout's worker (e.g. the code before a change), same files.
WORKER = Path(sys.argv[sys.argv.index("--worker") + 1]) if "--worker" in sys.argv \
    else ROOT / "worker"
sys.path.insert(0, str(WORKER))

from parser_worker import learned, pipeline  # noqa: E402
from parser_worker.crypto import EncryptingWriter, KeyRing, decrypt  # noqa: E402
from parser_worker.progress import ProgressReporter  # noqa: E402
from parser_worker.request import ParseRequest  # noqa: E402
from parser_worker.settings import Settings  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from files import GENERATORS, generate  # noqa: E402

MIB = 1 << 20
KEY = base64.b64encode(bytes(range(32))).decode()  # a fixed benchmark key, never a real one
ASTERISK_COLUMNS = ("accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel",
                    "lastapp", "lastdata", "start", "answer", "end", "duration", "billsec",
                    "disposition", "amaflags", "uniqueid", "userfield")


# ---------------------------------------------------------------------------------------------
# Runs


def baseline(path, out_path, headerless_names=None):
    """csv.reader -> one JSON object per row (header name -> cell), as plain as Python gets."""
    started, cpu = time.perf_counter(), time.process_time()
    rows = 0
    with open(path, encoding="utf-8", newline="") as source, \
            open(out_path, "w", encoding="utf-8", newline="\n") as out:
        reader = csv.reader(source)
        names = list(headerless_names) if headerless_names else next(reader)
        for row in reader:
            out.write(json.dumps(dict(zip(names, row)), ensure_ascii=False))
            out.write("\n")
            rows += 1
    return time.perf_counter() - started, time.process_time() - cpu, rows


def store_upload(path, target, keys):
    with open(path, "rb") as source, open(target, "wb") as sink:
        writer = EncryptingWriter(sink, keys)
        while True:
            chunk = source.read(MIB)
            if not chunk:
                break
            writer.write(chunk)
        writer.close()


def worker_parse(path, upload, records, work, keys, profile_to=None):
    data_size = path.stat().st_size
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for chunk in iter(lambda: source.read(MIB), b""):
            digest.update(chunk)
    request = ParseRequest.from_task("bench-job", {
        "file": {"uri": upload.as_uri(), "sha256": digest.hexdigest(), "size": data_size,
                 "mime": "text/csv", "format": "CSV", "filename": path.name},
        "tenantId": "bench-tenant",
        "templateId": None, "templateVersion": None, "templates": [],
        "output": {"recordsUri": records.as_uri()},
        "options": {},
    })
    reports = []
    settings = Settings(work_dir=str(work), local_keys=f"bench={KEY}" if keys else None,
                        model_dir=str(work.parent / "models"))
    # A worker process trains (worker/start) or loads its models once, before its first job.
    learned.registry(settings).prepare()
    progress = ProgressReporter(reports.append)
    profiler = cProfile.Profile() if profile_to else None
    started, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    result = pipeline.run(request, progress, settings)
    if profiler:
        profiler.disable()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if profiler:
        profiler.dump_stats(profile_to)
    return elapsed, cpu, result, len(reports)


def records_digest(records, keys):
    digest = hashlib.sha256()
    lines = 0

    class Sink:
        def write(self, data):
            digest.update(data)

    if keys:
        with open(records, "rb") as source:
            plain = io.BytesIO()
            decrypt(io.BufferedReader(source, MIB), plain, keys)
            data = plain.getvalue()
    else:
        data = records.read_bytes()
    digest.update(data)
    lines = data.count(b"\n")
    return digest.hexdigest(), lines


def summary(result):
    """The result without what differs from run to run (timings, memory, where the records are)."""
    kept = {key: value for key, value in result.items()
            if key not in ("timings", "resources", "recordsUri")}
    return kept


def parse_elsewhere(args, name):
    """The result line of ``name`` parsed by the worker in ``args.before``, in a new process."""
    command = [sys.executable, __file__, "--worker", args.before, "--files", name, "--size-mib",
               str(args.size_mib), "--dir", args.dir, "--skip-baseline"]
    if args.plain:
        command.append("--plain")
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return next(json.loads(line) for line in output.splitlines() if line.startswith('{"file"'))


def before_table(lines):
    print("| file | records | before MB/s | before records/s | after MB/s | after records/s "
          "| csv.reader->NDJSON MB/s | before / baseline | after / baseline | after / before "
          "| CPU time: before MB/s, after MB/s, baseline MB/s | records and result |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for line in lines:
        before = line["before"]
        base = line.get("baseline MB/s")
        base_cpu = line.get("baseline MB/s of cpu")
        print(f"| {line['file']} ({line['layout']}, {line['bytes']:,} bytes) "
              f"| {line['records']:,} | {before['MB/s']} | {before['records/s']:,} "
              f"| {line['MB/s']} | {line['records/s']:,} | {base} "
              f"| {before['MB/s'] / base:.3f} | {line['MB/s'] / base:.3f} "
              f"| {line['MB/s'] / before['MB/s']:.2f}x "
              f"| {before['MB/s of cpu']}, {line['MB/s of cpu']}, {base_cpu} "
              f"| {'identical' if line['identical to before'] else 'DIFFERENT'} |")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=float, default=100)
    parser.add_argument("--files", default="calls,asterisk,table")
    parser.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "worker-parse-bench"))
    parser.add_argument("--plain", action="store_true",
                        help="no encryption at rest of the upload and the records")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--worker", default=str(WORKER),
                        help="the worker directory whose parser_worker is measured")
    parser.add_argument("--before", metavar="DIR",
                        help="also parse each file with the worker in DIR (e.g. an export of the "
                             "code before a change), in a process of its own, between the "
                             "baseline and this worker, and compare records and results")
    parser.add_argument("--save")
    parser.add_argument("--compare")
    args = parser.parse_args()

    directory = Path(args.dir)
    directory.mkdir(parents=True, exist_ok=True)
    size = int(args.size_mib * MIB)
    keys = None if args.plain else KeyRing.parse(f"bench={KEY}")
    names = [name.strip() for name in args.files.split(",") if name.strip()]
    digests = {}
    lines = []
    print(f"# worker parse bench {datetime.utcnow():%Y-%m-%d %H:%M} UTC, {size / MIB:g} MiB "
          f"files, {'plain' if args.plain else 'encrypted at rest'}, worker {args.worker}, "
          f"load {os.getloadavg()[0]:.1f}",
          flush=True)
    for name in names:
        file_name, rows = GENERATORS[name]
        path = directory / file_name
        started = time.perf_counter()
        generate(path, rows, size)
        data_size = path.stat().st_size
        print(f"{name}: {path} ({data_size:,} bytes, "
              f"ready in {time.perf_counter() - started:.1f} s)", flush=True)
        work = Path(tempfile.mkdtemp(prefix=f"bench-{name}-", dir=directory))
        try:
            if keys:
                upload = work / "upload.enc"
                store_upload(path, upload, keys)
            else:
                upload = path
            base_seconds = base_rows = before = None
            if not args.skip_baseline:
                base_seconds, base_cpu, base_rows = baseline(
                    path, work / "baseline.ndjson",
                    ASTERISK_COLUMNS if name == "asterisk" else None)
                (work / "baseline.ndjson").unlink()
            if args.before:
                before = parse_elsewhere(args, name)
            records = work / "records.ndjson"
            profile_to = str(directory / f"{name}.prof") if args.profile else None
            seconds, cpu, result, reports = worker_parse(path, upload, records, work, keys,
                                                    profile_to)
            digest, written = records_digest(records, keys)
            digests[name] = {"records": digest, "lines": written,
                             "result": hashlib.sha256(json.dumps(summary(result), sort_keys=True)
                                                      .encode()).hexdigest(),
                             "summary": {"recordCount": result["recordCount"],
                                         "quality": {k: v for k, v in result["quality"].items()
                                                     if k != "rejections"},
                                         "classification": result["classification"]}}
        finally:
            for child in work.iterdir():
                child.unlink()
            work.rmdir()
        mbps = data_size / seconds / 1e6
        rps = result["recordCount"] / seconds
        line = {"file": name, "bytes": data_size, "records": result["recordCount"],
                "seconds": round(seconds, 2), "MB/s": round(mbps, 2), "records/s": round(rps),
                "cpu seconds": round(cpu, 2), "MB/s of cpu": round(data_size / cpu / 1e6, 2),
                "timings": result["timings"], "progressReports": reports,
                "layout": result["classification"]["layout"],
                "rejected": result["quality"]["rowsRejected"], "digest": digests[name]}
        if base_seconds is not None:
            base_mbps = data_size / base_seconds / 1e6
            line.update({"baseline seconds": round(base_seconds, 2),
                         "baseline MB/s": round(base_mbps, 2),
                         "baseline records/s": round(base_rows / base_seconds),
                         "baseline MB/s of cpu": round(data_size / base_cpu / 1e6, 2),
                         "ratio of cpu": round(base_cpu / cpu, 3),
                         "ratio": round(mbps / base_mbps, 3)})
        if before is not None:
            line["before"] = before
            line["identical to before"] = before["digest"] == line["digest"]
        lines.append(line)
        print(json.dumps(line), flush=True)
        if profile_to:
            pstats.Stats(profile_to).sort_stats("tottime").print_stats(18)
    print()
    if args.before:
        before_table(lines)
    print("| file | bytes | records | worker s | worker MB/s | worker records/s "
          "| baseline MB/s | baseline records/s | worker / baseline | worker / baseline (cpu) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for line in lines:
        print(f"| {line['file']} ({line['layout']}) | {line['bytes']:,} | {line['records']:,} "
              f"| {line['seconds']} | {line['MB/s']} | {line['records/s']:,} "
              f"| {line.get('baseline MB/s', '-')} | {line.get('baseline records/s', '-')} "
              f"| {line.get('ratio', '-')} | {line.get('ratio of cpu', '-')} |")
    failed = False
    if args.save:
        (directory / f"{args.save}.json").write_text(json.dumps(digests, indent=1, sort_keys=True))
        print(f"digests saved to {directory / (args.save + '.json')}")
    if args.compare:
        expected = json.loads((directory / f"{args.compare}.json").read_text())
        for name, found in digests.items():
            if name not in expected:
                print(f"{name}: no saved digest in {args.compare}")
                continue
            same = expected[name] == found
            failed |= not same
            print(f"{name}: {'identical to' if same else 'DIFFERS FROM'} {args.compare}")
            if not same:
                print(json.dumps({"expected": expected[name], "found": found}, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
