#!/usr/bin/env python3
"""Compares builds of ContentSniffer on the heads of typical uploads; see README.md."""
import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))


def samples(directory):
    """Writes the heads measured: what a switch or a spreadsheet sends, and a few refusals."""
    rows = "".join("c-%d,+49301%07d,+49409%07d,2026-11-01 10:%02d:%02d,%d,ANSWERED\n" % (
        i, i * 7919 % 10**7, i * 104729 % 10**7, i % 60, i * 7 % 60, i * 37 % 3600) for i in range(2000))
    files = {
        "cdr-small.csv": ("call_id,caller,callee,start_time,duration,disposition\n" + rows[:600]).encode(),
        "cdr-64k.csv": ("call_id,caller,callee,start_time,duration,disposition\n" + rows).encode(),
        "asterisk-small.csv": "".join(
            '"","%d","0053577%07d","from-trunk","""Dave, Ops"" <%d>","SIP/%d-%08x","SIP/0053-%08x","Dial",'
            '"SIP/0053,30,tT","2024-01-01 00:00:06","2024-01-01 00:00:22","2024-01-01 00:24:49",1483,1467,'
            '"ANSWERED","DOCUMENTATION","small.%d",""\n' % (7890 + i, i, 7890 + i, 7890 + i, i, i, i)
            for i in range(3)).encode(),
        # the size of bench/uploads' small files (2-10 KiB)
        "asterisk-6k.csv": "".join(
            '"","%d","0053577%07d","from-trunk","""Dave, Ops"" <%d>","SIP/%d-%08x","SIP/0053-%08x","Dial",'
            '"SIP/0053,30,tT","2024-01-01 00:00:06","2024-01-01 00:00:22","2024-01-01 00:24:49",1483,1467,'
            '"ANSWERED","DOCUMENTATION","six.%d",""\n' % (7890 + i, i, 7890 + i, 7890 + i, i, i, i)
            for i in range(26)).encode(),
        "semicolon.csv": "".join("%d;Müller %d;Köln;%d,%02d\n" % (i, i, i * 13, i % 100) for i in range(40)).encode(),
        "prose.txt": ("The quarterly report lists every call that crossed the border. " * 30).encode(),
        "markup.xml": ('<?xml version="1.0"?>\n<calls>' + "<call id='1'/>" * 40 + "</calls>\n").encode(),
        "report.pdf": b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"0" * 400 + b"\n%%EOF\n",
        "archive.zip": None,
        "program.exe": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(400),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("calls.csv", rows[:2000])
    files["archive.zip"] = buffer.getvalue()
    paths = []
    for name, content in files.items():
        path = os.path.join(directory, name)
        with open(path, "wb") as f:
            f.write(content)
        paths.append(path)
    return paths


def classpath():
    out = os.path.join(tempfile.gettempdir(), "detection-bench-cp.txt")
    subprocess.run(["mvn", "-B", "-q", "dependency:build-classpath", "-pl", "ejb-module",
                    "-Dmdep.outputFile=" + out], cwd=ROOT, check=True)
    with open(out) as f:
        return f.read().strip()


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--build", action="append", metavar="NAME=CLASSES",
                   help="a build's ejb-module classes (repeat to compare; default: this tree's)")
    p.add_argument("--runs", type=int, default=2, help="runs of each build, alternated")
    p.add_argument("--rounds", type=int, default=9)
    p.add_argument("--calls", type=int, default=500)
    a = p.parse_args()
    builds = [b.split("=", 1) for b in (a.build or ["this=" + os.path.join(ROOT, "ejb-module", "target", "classes")])]
    data = tempfile.mkdtemp(prefix="detection-bench-data-")
    files = samples(data)
    deps = os.pathsep.join([os.path.join(ROOT, "persistence", "target", "classes"), classpath()])
    results = {}  # (build, file) -> [median µs per run]
    names = {}
    for run in range(a.runs):
        for name, classes in builds:
            out = tempfile.mkdtemp(prefix="detection-bench-")
            cp = classes + os.pathsep + deps
            subprocess.run(["javac", "-cp", cp, "-d", out, os.path.join(HERE, "DetectionBench.java")], check=True)
            lines = subprocess.run(["java", "-Xmx512m", "-cp", out + os.pathsep + cp, "DetectionBench",
                                    str(a.rounds), str(a.calls)] + files,
                                   check=True, capture_output=True, text=True).stdout.splitlines()
            for line in lines:
                file, detection, median, _best = line.split("\t")
                results.setdefault((name, file), []).append(float(median))
                names[(name, file)] = detection
    print("| head | detected | " + " | ".join("%s (µs CPU per call)" % n for n, _ in builds)
          + (" | ratio |" if len(builds) == 2 else " |"))
    print("|---|---|" + "---|" * len(builds) + ("---|" if len(builds) == 2 else ""))
    for path in files:
        file = os.path.basename(path)
        cells = []
        medians = []
        for name, _ in builds:
            runs = results[(name, file)]
            medians.append(statistics.median(runs))
            cells.append(" / ".join("%.1f" % r for r in runs))
        detected = {names[(n, file)] for n, _ in builds}
        row = "| %s | %s | %s |" % (file, " vs ".join(sorted(detected)), " | ".join(cells))
        if len(builds) == 2:
            row += " %.2fx |" % (medians[1] / medians[0])
        print(row)


if __name__ == "__main__":
    sys.exit(main())
