#!/usr/bin/env bash
# Benchmark: asyncmod against the parse-only floor.
#
#   scripts/bench.sh                     generated solutions of 1k, 5k and 20k files
#   scripts/bench.sh DIR...              those folders too (e.g. checkouts of real C# code bases)
#   SHAPES="default callgraph" SIZES="2000 10000" scripts/bench.sh
#                                        also generated call graphs (gen-solution --shape callgraph)
#
# For each input it prints files, MB, and the median wall time and peak RSS (whole process, /usr/bin/time) of
#   (a) parse-only: read and parse every .cs file with the same parser and thread count, trees dropped
#   (b) asyncmod check (all transforms)        (b/a: the ratio to the floor; s/MB: seconds per MB, for linearity)
#   (c) asyncmod diff
#   (d) asyncmod check without cancellation-token, the one transform that must read the call graph below every
#       controller action and token holder      (d/a)
#   and the speedup of check -j2 over -j1.
# Then, from one more run of (b) with the hidden --stats: the planning seconds, the candidate sites (rewritten +
# reported + left alone, from check's summary) and the planning milliseconds per site (flat if planning is linear).
#
# Given two folders or more, it also times check on all of them in one invocation (several paths) beside the sum
# of their separate (b) medians: a joint run much slower than the sum means the cost grows faster than the input.
#
# Environment:
#   SIZES="1000 5000 20000"   generated solutions to measure ("" for none)
#   SHAPES=default            gen-solution --shape of each size: default, callgraph or both ("default callgraph")
#   DENSITY=default           gen-solution --density (default | dense | none | fraction; default shape only)
#   SEED=1                    gen-solution --seed
#   RUNS=5                    runs per measurement (the median is printed)
#   JOBS=2                    threads for (a), (b), (c)
#   INSTR=1                   also count instructions (valgrind callgrind: exact and unaffected by load, but
#                             ~50x slower) of one run of (a) and (b)
#   GEN_DIR=target/bench      where generated solutions are kept (reused when present)
#   QUICK=0                   1: only (a), (b) and the --stats run (skips (c), -j1 and (d): for large inputs)
#   JOINT=auto                auto: the joint run over the folders given, when there are two or more;
#                             all: over every input, generated ones included; 0: none
#   CHECK_ARGS=               extra flags for every check run (e.g. --preview)
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES-"1000 5000 20000"}
SHAPES=${SHAPES:-${SHAPE:-default}}
DENSITY=${DENSITY:-default}
SEED=${SEED:-1}
RUNS=${RUNS:-5}
JOBS=${JOBS:-2}
INSTR=${INSTR:-0}
GEN_DIR=${GEN_DIR:-target/bench}
QUICK=${QUICK:-0}
JOINT=${JOINT:-auto}
read -r -a CHECK_ARGS <<<"${CHECK_ARGS:-}"

cargo build --profile profiling --quiet --bins --workspace
BIN=target/profiling
TIME=/usr/bin/time
if [[ ! -x $TIME ]]; then
    echo "bench.sh: needs GNU time at /usr/bin/time (for peak RSS)" >&2
    exit 2
fi

inputs=()
for shape in $SHAPES; do
    for n in $SIZES; do
        case $shape in
            default)
                dir="$GEN_DIR/gen-$n-$DENSITY-s$SEED"
                [[ -d $dir ]] || "$BIN/gen-solution" --files "$n" --seed "$SEED" --density "$DENSITY" "$dir" >&2
                ;;
            callgraph)
                dir="$GEN_DIR/gen-callgraph-$n-s$SEED"
                [[ -d $dir ]] || "$BIN/gen-solution" --shape callgraph --files "$n" --seed "$SEED" "$dir" >&2
                ;;
            *)
                echo "bench.sh: SHAPES takes default and callgraph, not '$shape'" >&2
                exit 2
                ;;
        esac
        inputs+=("$dir")
    done
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
    { "$BIN/asyncmod" check -q --stats "${CHECK_ARGS[@]}" "$@" 2>&1 >/dev/null || true; } | sed -n 's/^stats: scanned .*(\([0-9.]*\) %)$/\1 %/p'
}

# planning_stats ARGS...: one check run with --stats and its summary; sets PLAN_S (planning seconds), SITES
# (candidate sites: rewritten + reported + left alone, over all transforms) and PARSED (share of bytes parsed).
planning_stats() {
    local err
    err=$({ "$BIN/asyncmod" check --stats "${CHECK_ARGS[@]}" "$@" 2>&1 >/dev/null || true; })
    PLAN_S=$(sed -n 's/^stats:   of which planning: \([0-9.]*\) s$/\1/p' <<<"$err" | awk '{s += $1} END {printf "%.2f", s}')
    SITES=$(awk '/^  [a-z-]+: [0-9]+ rewritten, [0-9]+ reported, [0-9]+ left alone$/ {s += $2 + $4 + $6} END {print s + 0}' <<<"$err")
    PARSED=$(sed -n 's/^stats: scanned .*(\([0-9.]*\) %)$/\1 %/p' <<<"$err")
}

# instructions CMD...: billions of instructions executed (valgrind callgrind: slow, but exact and load-proof).
instructions() {
    { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } |
        awk '/Collected :/ {printf "%.2f", $4/1e9}'
}

header="| input | files | MB | (a) parse-only s | RSS MB | (b) check s | s/MB | RSS MB | b/a | parsed | planning s | sites | planning ms/site | (c) diff s | RSS MB | check -j1 s | -j2 speedup | (d) check, no c-t s | RSS MB | d/a | parsed |"
sep="|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
if [[ $INSTR == 1 ]]; then
    header+=" (a) G instr | (b) G instr | b/a instr |"
    sep+="---:|---:|---:|"
fi
echo "asyncmod $(git describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), RUNS=$RUNS JOBS=$JOBS${CHECK_ARGS[*]:+ CHECK_ARGS=${CHECK_ARGS[*]}}, medians of whole-process wall time and peak RSS"
declare -A separate_s=()
echo
echo "$header"
echo "$sep"
for input in "${inputs[@]}"; do
    floor=$("$BIN/parse-only" -j "$JOBS" "$input")
    files=$(awk '{print $2}' <<<"$floor")
    mb=$(awk '{print $4}' <<<"$floor")
    measure "$BIN/parse-only" -j "$JOBS" "$input"
    a_s=$MED_S a_mb=$MED_MB
    measure "$BIN/asyncmod" check -q -j "$JOBS" "${CHECK_ARGS[@]}" "$input"
    b_s=$MED_S b_mb=$MED_MB
    separate_s[$input]=$b_s
    ratio=$(awk -v b="$b_s" -v a="$a_s" 'BEGIN {printf "%.2f", b / a}')
    per_mb=$(awk -v b="$b_s" -v mb="$mb" 'BEGIN {printf "%.3f", b / mb}')
    planning_stats -j "$JOBS" "$input"
    per_site=$(awk -v p="$PLAN_S" -v n="$SITES" 'BEGIN {if (n > 0) printf "%.2f", 1000 * p / n; else print "-"}')
    row="| $(basename "$input") | $files | $mb | $a_s | $a_mb | $b_s | $per_mb | $b_mb | $ratio | $PARSED | $PLAN_S | $SITES | $per_site |"
    if [[ $QUICK == 1 ]]; then
        row+=" - | - | - | - | - | - | - | - |"
    else
        measure "$BIN/asyncmod" diff -q -j "$JOBS" "${CHECK_ARGS[@]}" "$input"
        c_s=$MED_S c_mb=$MED_MB
        measure "$BIN/asyncmod" check -q -j 1 "${CHECK_ARGS[@]}" "$input"
        j1_s=$MED_S
        measure "$BIN/asyncmod" check -q --skip cancellation-token -j "$JOBS" "${CHECK_ARGS[@]}" "$input"
        d_s=$MED_S d_mb=$MED_MB
        speedup=$(awk -v one="$j1_s" -v two="$b_s" 'BEGIN {printf "%.2f", one / two}')
        d_ratio=$(awk -v d="$d_s" -v a="$a_s" 'BEGIN {printf "%.2f", d / a}')
        row+=" $c_s | $c_mb | $j1_s | $speedup | $d_s | $d_mb | $d_ratio | $(parsed_share --skip cancellation-token "$input") |"
    fi
    if [[ $INSTR == 1 ]]; then
        ia=$(instructions "$BIN/parse-only" -j "$JOBS" "$input")
        ib=$(instructions "$BIN/asyncmod" check -q -j "$JOBS" "$input")
        row+=" $ia | $ib | $(awk -v b="$ib" -v a="$ia" 'BEGIN {printf "%.2f", b / a}') |"
    fi
    echo "$row"
done

# The joint run: every chosen input in one invocation, beside the sum of the separate runs.
joint=()
case $JOINT in
    auto) (($# >= 2)) && joint=("$@") ;;
    all) joint=("${inputs[@]}") ;;
    0) ;;
    *)
        echo "bench.sh: JOINT takes auto, all or 0" >&2
        exit 2
        ;;
esac
if ((${#joint[@]} >= 2)); then
    floor=$("$BIN/parse-only" -j "$JOBS" "${joint[@]}")
    measure "$BIN/parse-only" -j "$JOBS" "${joint[@]}"
    a_s=$MED_S a_mb=$MED_MB
    measure "$BIN/asyncmod" check -q -j "$JOBS" "${CHECK_ARGS[@]}" "${joint[@]}"
    b_s=$MED_S b_mb=$MED_MB
    planning_stats -j "$JOBS" "${joint[@]}"
    sum=0
    for input in "${joint[@]}"; do
        sum=$(awk -v s="$sum" -v t="${separate_s[$input]}" 'BEGIN {printf "%.2f", s + t}')
    done
    echo
    echo "| joint run of ${#joint[@]} inputs | files | MB | (a) parse-only s | RSS MB | (b) check s | RSS MB | b/a | sum of separate (b) s | joint / sum | parsed | planning s | sites | planning ms/site |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    per_site=$(awk -v p="$PLAN_S" -v n="$SITES" 'BEGIN {if (n > 0) printf "%.2f", 1000 * p / n; else print "-"}')
    echo "| $(for i in "${joint[@]}"; do basename "$i"; done | paste -sd+ -) | $(awk '{print $2}' <<<"$floor") | $(awk '{print $4}' <<<"$floor") | $a_s | $a_mb | $b_s | $b_mb | $(awk -v b="$b_s" -v a="$a_s" 'BEGIN {printf "%.2f", b / a}') | $sum | $(awk -v b="$b_s" -v s="$sum" 'BEGIN {printf "%.2f", b / s}') | $PARSED | $PLAN_S | $SITES | $per_site |"
fi
