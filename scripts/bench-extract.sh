#!/usr/bin/env bash
# The whole-analysis benchmark of BENCHMARKS.md ("Whole pangzhu extract"): the five samples
# repeated to ~10.2 MB, `pangzhu extract --timings` on it (wall time, peak resident memory),
# and Python jieba 0.42's `jieba.cut` over the same file in the same run, for the ratio.
# Usage: scripts/bench-extract.sh [PANGZHU_BINARY]   (default: a fresh release build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
    cargo build --release --locked --bin pangzhu >&2
    bin=target/release/pangzhu
fi
big=${TMPDIR:-/tmp}/pangzhu-bench-10mb.txt
python3 - "$big" <<'PY'
import glob, sys
one = "\n\n".join(open(f, encoding="utf-8").read() for f in sorted(glob.glob("assets/samples/*.txt"))) + "\n\n"
out, n = [], 0
while n < 10.2e6:
    out.append(one); n += len(one.encode())
open(sys.argv[1], "w", encoding="utf-8").write("".join(out))
PY
echo "input: $(stat -c %s "$big") bytes; load: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
timings=()
"$bin" extract --help | grep -q -- --timings && timings=(--timings)
for run in 1 2 3; do
    /usr/bin/time -f "run $run: wall %e s, user %U s, sys %S s, peak RSS %M KB" \
        "$bin" extract "${timings[@]}" "$big" > /dev/null
done
if python3 -c 'import jieba' 2>/dev/null; then
    python3 - "$big" <<'PY'
import sys, time, logging, jieba
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
text = open(sys.argv[1], encoding="utf-8").read()
t = time.perf_counter()
n = sum(1 for _ in jieba.cut(text))
print(f"python jieba {jieba.__version__} jieba.cut: {time.perf_counter() - t:.2f} s ({n} tokens)")
PY
else
    echo "python jieba not installed (pip install jieba==0.42.1) — no ratio"
fi
