#!/usr/bin/env bash
# Upload throughput of a 100 MB file (MB/s), through the API's raw-body upload, for:
#   local store with scanning, local store without scanning, S3 (s3proxy on loopback) with and
#   without scanning; against the raw speed of copying the same bytes on this disk.
# Each configuration runs on a domain of its own (port base 29000, database fileparser_bench,
# Redis database 3, no worker), created fresh, so they are measured in one run on one machine.
# Results are appended to docs/benchmarks.md.
#
#   bench/upload_bench.sh [--size-mb 100] [--runs 3]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SIZE_MB=100
RUNS=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size-mb) SIZE_MB="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
WORK="$ROOT/var/bench"
mkdir -p "$WORK"
FILE="$WORK/bench-$SIZE_MB.csv"
if [[ ! -f "$FILE" ]]; then
  /usr/bin/python3 - "$FILE" "$SIZE_MB" <<'PY'
import sys, random
path, mb = sys.argv[1], int(sys.argv[2])
random.seed(7)
with open(path, "w") as out:
    out.write("id,customer,amount,date,note\n")
    i, size = 0, 0
    while size < mb * 1024 * 1024:
        line = f"{i},customer {random.randint(1, 99999)},{random.random() * 1000:.2f},2026-01-{1 + i % 28:02d},note {random.getrandbits(64):x}\n"
        out.write(line)
        size += len(line)
        i += 1
PY
fi
BYTES=$(stat -c %s "$FILE")
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Raw copy on this disk (write + fsync), the ceiling for any store here.
copies=()
for _ in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  cp "$FILE" "$WORK/copy.bin" && sync "$WORK/copy.bin"
  end=$(date +%s.%N)
  copies+=("$(echo "$BYTES / 1048576 / ($end - $start)" | bc -l)")
  rm -f "$WORK/copy.bin"
done
COPY=$(printf '%s\n' "${copies[@]}" | median)

# s3proxy for the S3 configurations.
S3_JAR="$HOME/.m2/repository/org/gaul/s3proxy/2.6.0/s3proxy-2.6.0-jar-with-dependencies.jar"
[[ -f "$S3_JAR" ]] || mvn -q dependency:get -Dartifact=org.gaul:s3proxy:2.6.0:jar:jar-with-dependencies
mkdir -p "$WORK/s3"
cat > "$WORK/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:29900
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/s3
PROPS
mkdir -p "$WORK/s3/bench"
java -Xmx256m -jar "$S3_JAR" --properties "$WORK/s3proxy.properties" > "$WORK/s3proxy.log" 2>&1 &
S3_PID=$!
trap 'kill $S3_PID 2>/dev/null || true; "$ROOT/payara/stop" --domain bench --quiet || true' EXIT

measure() { # name, extra payara/run arguments...
  local name="$1"; shift
  "$ROOT/payara/run" --no-build --fresh --domain bench --portbase 29000 --db fileparser_bench \
    --redis-db 3 --no-worker "$@" > "$WORK/run-$name.log" 2>&1
  local token; token=$("$ROOT/payara/token" --tenant "bench-$name" --roles member)
  local speeds=()
  for i in $(seq 1 "$RUNS"); do
    # a different last line each run, so deduplication never short-cuts the upload
    cp "$FILE" "$WORK/upload.csv" && echo "$i,run $name $RANDOM,1.00,2026-01-01,x" >> "$WORK/upload.csv"
    local t
    t=$(curl -s -o "$WORK/answer.json" -w '%{time_total}' -H "Authorization: Bearer $token" \
      -H 'Content-Type: text/csv' -H 'Content-Disposition: attachment; filename="bench.csv"' \
      --data-binary @"$WORK/upload.csv" http://127.0.0.1:29080/api/parser/upload)
    grep -q '"state"' "$WORK/answer.json" || { cat "$WORK/answer.json" >&2; exit 1; }
    speeds+=("$(echo "$(stat -c %s "$WORK/upload.csv") / 1048576 / $t" | bc -l)")
  done
  printf '%s\n' "${speeds[@]}" | median
  "$ROOT/payara/stop" --domain bench --quiet
}

S3=(--set fileparser.storage.s3.bucket=bench --set fileparser.storage.s3.endpoint=http://127.0.0.1:29900
    --set fileparser.storage.s3.access-key-id=bench --set fileparser.storage.s3.secret-access-key=bench-secret)
LOCAL_SCAN=$(measure local-scan)
LOCAL_NOSCAN=$(measure local-noscan --set fileparser.scan.enabled=false)
S3_SCAN=$(measure s3-scan "${S3[@]}")
S3_NOSCAN=$(measure s3-noscan "${S3[@]}" --set fileparser.scan.enabled=false)

pct() { echo "100 * $1 / $COPY" | bc -l | xargs printf '%.0f'; }
REPORT=$(cat <<MD

## Upload throughput ($(date +%F), $(nproc) cores, bench/upload_bench.sh)

A ${SIZE_MB} MB CSV uploaded as a raw body (\`Content-Disposition\`) over loopback with curl, median of $RUNS runs
per configuration, each on a fresh domain; every upload is hashed, sniffed, validated in full (CSV column
counts), and, where scanning is on, streamed once more to clamd (EICAR-only database: the time is the
protocol's and clamd's reading, not signature matching). The local store encrypts (AES-256-GCM) and fsyncs; S3
is s3proxy (filesystem backend) on loopback.

| configuration | MB/s | of raw copy |
|---|---|---|
| raw copy on this disk (cp + sync) | $(printf '%.0f' "$COPY") | 100 % |
| local store, scanning | $(printf '%.0f' "$LOCAL_SCAN") | $(pct "$LOCAL_SCAN") % |
| local store, no scanning | $(printf '%.0f' "$LOCAL_NOSCAN") | $(pct "$LOCAL_NOSCAN") % |
| S3 (s3proxy), scanning | $(printf '%.0f' "$S3_SCAN") | $(pct "$S3_SCAN") % |
| S3 (s3proxy), no scanning | $(printf '%.0f' "$S3_NOSCAN") | $(pct "$S3_NOSCAN") % |
MD
)
echo "$REPORT"
mkdir -p "$ROOT/docs"
[[ -f "$ROOT/docs/benchmarks.md" ]] || printf '# Benchmarks\n\nNumbers measured on this project'"'"'s machine kind; each section says how.\n' > "$ROOT/docs/benchmarks.md"
echo "$REPORT" >> "$ROOT/docs/benchmarks.md"
