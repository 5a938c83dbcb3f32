#!/usr/bin/env bash
# The library benchmark of BENCHMARKS.md ("Library index"): builds a folder of ~2,000 documents
# / ~200 MB of text under /tmp from the samples and practice texts (each document a different
# mix and rotation of their paragraphs, so every fingerprint differs), then times under
# /usr/bin/time: a full `pangzhu library index`, an unchanged re-index, and `pangzhu search
# --library` for several queries (median of 5 runs each, wall time of the whole command).
# Usage: scripts/bench-library.sh [PANGZHU_BINARY] [DOCUMENTS]   (default: a fresh release build, 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
docs=${2:-2000}
if [ -z "$bin" ]; then
    cargo build --release --no-default-features --bin pangzhu >&2
    bin=target/release/pangzhu
fi
lib=${TMPDIR:-/tmp}/pangzhu-bench-library
rm -rf "$lib"
python3 - "$lib" "$docs" <<'PY'
import glob, os, sys
root, count = sys.argv[1], int(sys.argv[2])
sources = sorted(glob.glob("assets/samples/*.txt")) + sorted(glob.glob("tests/data/practice/*.txt"))
paras = [p for f in sources for p in open(f, encoding="utf-8").read().split("\n\n") if p.strip()]
target = 100_000  # bytes per document: 2,000 documents ≈ 200 MB
for i in range(count):
    sub = os.path.join(root, f"shelf{i % 20:02d}", f"box{i % 7}")
    os.makedirs(sub, exist_ok=True)
    out, n, k = [f"第 {i} 号文档\n"], 0, (i * 7919) % len(paras)
    step = 1 + i % 5
    while n < target:
        p = paras[k % len(paras)]
        out.append(p); n += len(p.encode()); k += step
    open(os.path.join(sub, f"doc{i:05d}.txt"), "w", encoding="utf-8").write("\n\n".join(out) + "\n")
PY
echo "library: $(find "$lib" -type f | wc -l) files, $(du -sb "$lib" | cut -f1) bytes; cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "full index: wall %e s, user %U s, sys %S s, peak RSS %M KB" "$bin" library index "$lib"
/usr/bin/time -f "unchanged re-index: wall %e s, user %U s, sys %S s, peak RSS %M KB" "$bin" library index "$lib"
echo "index size: $(du -sb "$lib/.pangzhu" | cut -f1) bytes"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# "FLAGS|QUERY": selective queries first (one document, none), then ones every document matches
# (the generated documents share their paragraphs).
for entry in "|第 1234 号文档" "|蓝鲸计划" "|不存在的词语" "--word|第 77 号" "|中亚" "|上海合作组织" \
    "|民间外交" "|亚五" "--word|合作" "|宏包" "--regex|20[0-9]{2}年"; do
    flags=${entry%%|*}; query=${entry#*|}
    times=()
    for run in 1 2 3 4 5; do
        start=$(date +%s%N)
        # shellcheck disable=SC2086
        hits=$("$bin" search --library "$lib" $flags "$query" | wc -l)
        times+=($(( ($(date +%s%N) - start) / 1000000 )))
    done
    echo "query [$flags $query]: $hits hits, median $(printf '%s\n' "${times[@]}" | median) ms (runs: ${times[*]})"
done
