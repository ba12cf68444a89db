#!/usr/bin/env bash
# Benchmark: asyncmod against the parse-only floor.
#
#   scripts/bench.sh                     generated solutions of 1k, 5k and 20k files
#   scripts/bench.sh DIR...              those folders too (e.g. checkouts of real C# code bases)
#
# For each input it prints files, MB, and the median wall time and peak RSS (whole process, /usr/bin/time) of
#   (a) parse-only: read and parse every .cs file with the same parser and thread count, trees dropped
#   (b) asyncmod check (all transforms)        (b/a: the ratio to the floor; s/MB: seconds per MB, for linearity)
#   (c) asyncmod diff
#   (d) asyncmod check without cancellation-token, the one transform that must read the call graph below every
#       controller action and token holder      (d/a)
#   and the speedup of check -j2 over -j1.
#
# Environment:
#   SIZES="1000 5000 20000"   generated solutions to measure ("" for none)
#   DENSITY=default           gen-solution --density (default | dense | none | fraction)
#   SEED=1                    gen-solution --seed
#   RUNS=5                    runs per measurement (the median is printed)
#   JOBS=2                    threads for (a), (b), (c)
#   INSTR=1                   also count instructions (valgrind callgrind: exact and unaffected by load, but
#                             ~50x slower) of one run of (a) and (b)
#   GEN_DIR=target/bench      where generated solutions are kept (reused when present)
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES-"1000 5000 20000"}
DENSITY=${DENSITY:-default}
SEED=${SEED:-1}
RUNS=${RUNS:-5}
JOBS=${JOBS:-2}
INSTR=${INSTR:-0}
GEN_DIR=${GEN_DIR:-target/bench}

cargo build --profile profiling --quiet --bins --workspace
BIN=target/profiling
TIME=/usr/bin/time
if [[ ! -x $TIME ]]; then
    echo "bench.sh: needs GNU time at /usr/bin/time (for peak RSS)" >&2
    exit 2
fi

inputs=()
for n in $SIZES; do
    dir="$GEN_DIR/gen-$n-$DENSITY-s$SEED"
    if [[ ! -d $dir ]]; then
        "$BIN/gen-solution" --files "$n" --seed "$SEED" --density "$DENSITY" "$dir" >&2
    fi
    inputs+=("$dir")
done
inputs+=("$@")

median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# measure LABEL CMD...: runs CMD $RUNS times; sets MED_S (median seconds) and MED_MB (median peak RSS, MB).
measure() {
    local out times=() rss=()
    out=$(mktemp)
    for _ in $(seq "$RUNS"); do
        local rc=0
        $TIME -f "%e %M" -o "$out" "$@" >/dev/null 2>&1 || rc=$?
        if ((rc >= 2)); then
            echo "bench.sh: '$*' failed (exit $rc)" >&2
        fi
        # GNU time puts "Command exited with non-zero status N" first when the command exits non-zero
        # (check does, when it finds something): the figures are on the last line.
        read -r t m < <(tail -n 1 "$out")
        times+=("$t")
        rss+=("$m")
    done
    rm -f "$out"
    MED_S=$(printf '%s\n' "${times[@]}" | median)
    MED_MB=$(printf '%s\n' "${rss[@]}" | median | awk '{printf "%.0f", $1/1024}')
}

# parsed_share ARGS...: the share of the input's bytes a check run parses (from --stats).
parsed_share() {
    { "$BIN/asyncmod" check -q --stats "$@" 2>&1 >/dev/null || true; } | sed -n 's/^stats: scanned .*(\([0-9.]*\) %)$/\1 %/p'
}

# instructions CMD...: billions of instructions executed (valgrind callgrind: slow, but exact and load-proof).
instructions() {
    { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } |
        awk '/Collected :/ {printf "%.2f", $4/1e9}'
}

header="| input | files | MB | (a) parse-only s | RSS MB | (b) check s | s/MB | RSS MB | b/a | parsed | (c) diff s | RSS MB | check -j1 s | -j2 speedup | (d) check, no c-t s | RSS MB | d/a | parsed |"
sep="|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
if [[ $INSTR == 1 ]]; then
    header+=" (a) G instr | (b) G instr | b/a instr |"
    sep+="---:|---:|---:|"
fi
echo "asyncmod $(git describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), RUNS=$RUNS JOBS=$JOBS, medians of whole-process wall time and peak RSS"
echo
echo "$header"
echo "$sep"
for input in "${inputs[@]}"; do
    floor=$("$BIN/parse-only" -j "$JOBS" "$input")
    files=$(awk '{print $2}' <<<"$floor")
    mb=$(awk '{print $4}' <<<"$floor")
    measure "$BIN/parse-only" -j "$JOBS" "$input"
    a_s=$MED_S a_mb=$MED_MB
    measure "$BIN/asyncmod" check -q -j "$JOBS" "$input"
    b_s=$MED_S b_mb=$MED_MB
    measure "$BIN/asyncmod" diff -q -j "$JOBS" "$input"
    c_s=$MED_S c_mb=$MED_MB
    measure "$BIN/asyncmod" check -q -j 1 "$input"
    j1_s=$MED_S
    measure "$BIN/asyncmod" check -q --skip cancellation-token -j "$JOBS" "$input"
    d_s=$MED_S d_mb=$MED_MB
    ratio=$(awk -v b="$b_s" -v a="$a_s" 'BEGIN {printf "%.2f", b / a}')
    speedup=$(awk -v one="$j1_s" -v two="$b_s" 'BEGIN {printf "%.2f", one / two}')
    per_mb=$(awk -v b="$b_s" -v mb="$mb" 'BEGIN {printf "%.3f", b / mb}')
    d_ratio=$(awk -v d="$d_s" -v a="$a_s" 'BEGIN {printf "%.2f", d / a}')
    row="| $(basename "$input") | $files | $mb | $a_s | $a_mb | $b_s | $per_mb | $b_mb | $ratio | $(parsed_share "$input") | $c_s | $c_mb | $j1_s | $speedup |"
    row+=" $d_s | $d_mb | $d_ratio | $(parsed_share --skip cancellation-token "$input") |"
    if [[ $INSTR == 1 ]]; then
        ia=$(instructions "$BIN/parse-only" -j "$JOBS" "$input")
        ib=$(instructions "$BIN/asyncmod" check -q -j "$JOBS" "$input")
        row+=" $ia | $ib | $(awk -v b="$ib" -v a="$ia" 'BEGIN {printf "%.2f", b / a}') |"
    fi
    echo "$row"
done
