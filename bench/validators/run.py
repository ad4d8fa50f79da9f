#!/usr/bin/env python3
"""Measures the streaming validators in MB/s; see README.md."""
import argparse
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
MIB = 1024 * 1024


def generate(directory, size):
    """Writes the four synthetic files (same bytes for the same size: the generator is seeded)."""
    rnd = random.Random(11)
    names = ["Müller", "Jürgen", "Çağrı", "Zoë", "Søren", "François", "Łukasz", "日本語", "Ελλάδα", "Привет"]
    cities = ["Köln", "Zürich", "São Paulo", "Kraków", "Москва"]
    kinds = {
        "plain.csv": ("invoice,customer,amount,date\n", lambda i: "INV-%08d,CUST-%05d,%.2f,2024-%02d-%02d\n" % (
            i, rnd.randint(1, 99999), rnd.randint(1, 999999) / 100, rnd.randint(1, 12), rnd.randint(1, 28))),
        "cdr-header.csv": ("call_id,caller,callee,start_time,duration,disposition\n",
                           lambda i: "c-%d,0049301%08d,0049409%08d,2024-%02d-%02d %02d:%02d:%02d,%d,%s\n" % (
                               i, rnd.randint(0, 99999999), rnd.randint(0, 99999999), rnd.randint(1, 12),
                               rnd.randint(1, 28), rnd.randint(0, 23), rnd.randint(0, 59), rnd.randint(0, 59),
                               rnd.randint(0, 3600), rnd.choice(["ANSWERED", "NO ANSWER", "BUSY"]))),
        "quoted.csv": ("id,name,note,amount\r\n", lambda i: '%d,"Smith, John %d","He said ""hi"" to %d",%d\r\n' % (
            i, i, rnd.randint(1, 999), rnd.randint(1, 99999))),
        "utf8.csv": ("id;name;city;amount\n", lambda i: "%d;%s %s;%s;%d,%02d\n" % (
            i, rnd.choice(names), rnd.choice(names), rnd.choice(cities), rnd.randint(1, 9999), rnd.randint(0, 99))),
    }
    paths = []
    for name, (header, row) in kinds.items():
        path = os.path.join(directory, name)
        if not os.path.exists(path) or os.path.getsize(path) < size:
            with open(path, "w", encoding="utf-8", newline="") as f:
                written = f.write(header)
                i = 0
                while written < size:
                    line = row(i)
                    i += 1
                    f.write(line)
                    written += len(line.encode("utf-8"))
        paths.append(path)
    return paths


def classpath(maven_args):
    out = os.path.join(tempfile.gettempdir(), "validator-bench-cp.txt")
    subprocess.run(["mvn", "-B", "-q", "dependency:build-classpath", "-pl", "ejb-module",
                    "-Dmdep.outputFile=" + out] + maven_args, cwd=ROOT, check=True)
    with open(out) as f:
        return f.read().strip()


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("files", nargs="*", help="more files to measure (e.g. an Asterisk Master.csv export)")
    p.add_argument("--rounds", type=int, default=9)
    p.add_argument("--mib", type=int, default=20, help="size of each generated file")
    p.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "validator-bench-data"))
    p.add_argument("--classes", default=os.path.join(ROOT, "ejb-module", "target", "classes"),
                   help="the ejb-module classes to measure (another build's, to compare)")
    p.add_argument("--maven-arg", action="append", default=[], help="e.g. -Dmaven.repo.local=...")
    a = p.parse_args()
    os.makedirs(a.data, exist_ok=True)
    files = generate(a.data, a.mib * MIB) + a.files
    cp = os.pathsep.join([a.classes, os.path.join(ROOT, "persistence", "target", "classes"), classpath(a.maven_arg)])
    out = tempfile.mkdtemp(prefix="validator-bench-")
    subprocess.run(["javac", "-cp", cp, "-d", out, os.path.join(HERE, "ValidatorBench.java")], check=True)
    cmd = ["java", "-Xmx1g", "-cp", out + os.pathsep + cp, "io.fileparser.upload.validation.ValidatorBench",
           str(a.rounds)] + files
    sys.exit(subprocess.run(cmd).returncode)


if __name__ == "__main__":
    main()
