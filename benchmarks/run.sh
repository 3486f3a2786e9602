#!/usr/bin/env bash
# Issue #7: builds the benchmarks inside the reactor (no install), runs every measurement and prints
# one table per part; the tables also go to benchmarks/target/results.md. Exits non-zero when a run
# fails (a missed target is not a failure: the table says so). About 25 minutes on 2 cores.
#
#   benchmarks/run.sh            # everything
#   benchmarks/run.sh quick      # shorter windows, for trying the script itself
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
quick=${1:-}
start=$(date +%s)

echo "== build (package, no install)" >&2
./mvnw -B -q -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
cp="$(cat benchmarks/target/cp.txt)"
jar="benchmarks/target/volga-benchmarks-0.1.0-SNAPSHOT.jar"
mp="$cp:$jar"
out=benchmarks/target/results.md
: > "$out"

# the harnesses run on the module path, as users' code would (the contenders are automatic modules)
run() {
  local heap=$1 main=$2; shift 2
  local -a exports=()
  # TimeoutBench measures the transport's Deadlines, which its module does not export
  [ "$main" = TimeoutBench ] && exports=(--add-exports dev.volga.transport/dev.volga.transport.internal=dev.volga.benchmarks)
  java "-Xmx$heap" "${exports[@]}" -p "$mp" --add-modules ALL-MODULE-PATH -m "dev.volga.benchmarks/dev.volga.benchmarks.$main" "$@" \
    2> >(grep -v '^SLF4J' >&2) | tee -a "$out"
}

if [ "$quick" = quick ]; then
  overhead=(warmup=2 seconds=1 rounds=1 rewarm=0.3); quota=(count=400); storm=(count=2000); memory=(items=200000)
  jmh=(-wi 1 -w 1 -i 2 -r 1); feeds=(backlog=300 calls=20 kills=3); timers=(warmup=1 seconds=0.5 rounds=1)
else
  overhead=(warmup=30 seconds=3 rounds=4); quota=(count=2000); storm=(count=10000); memory=(items=1000000)
  jmh=(-wi 3 -w 2 -i 5 -r 2); feeds=(backlog=2000 calls=100 kills=10); timers=(warmup=10 seconds=2 rounds=2)
fi

{
  echo "# Volga benchmarks — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo
  echo "Reproduce: \`benchmarks/run.sh\` (commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ', with uncommitted changes'))."
  echo
} | tee -a "$out"

echo "== 1/8 overhead" >&2
run 1g Overhead "${overhead[@]}"
echo "== 2/8 quota" >&2
run 512m QuotaUse "${quota[@]}"
echo "== 3/8 refresh storm" >&2
run 1g RefreshStorm "${storm[@]}"
echo "== 4/8 memory" >&2
run 256m ListingMemory "${memory[@]}"
echo "== 5/8 codec (JMH)" >&2
# JMH forks its JVMs on the class path (the codec is not exported from its module); the pattern
# CodecBench also picks ClodoCodecBench (Clodo's XML /servers decode)
java -cp "$cp:$jar" org.openjdk.jmh.Main CodecBench "${jmh[@]}" -prof gc -rf json -rff benchmarks/target/jmh.json \
  > benchmarks/target/jmh.log 2>&1 || { tail -30 benchmarks/target/jmh.log >&2; exit 1; }
java -cp "$cp:$jar" dev.volga.benchmarks.CodecTable benchmarks/target/jmh.json | tee -a "$out"
echo "== 6/8 fleet mode (issue #11: 4 replicas on one key through a real redis-server)" >&2
tools/ensure-test-tools.sh
{ echo; echo "## Fleet mode (FleetBench)"; echo; } | tee -a "$out"
run 512m FleetBench
echo "== 7/8 feed processors (issue 20: lease, checkpoint, takeover after SIGKILL through a real redis-server)" >&2
{ echo; echo "## Feed processors (FeedBench)"; echo; } | tee -a "$out"
run 512m FeedBench "${feeds[@]}"

echo "== 8/8 timing a call (issue 19 §5: Deadlines vs Reactor's and Netty's timers)" >&2
run 512m TimeoutBench "${timers[@]}"

echo "Run took $(( $(date +%s) - start )) s." | tee -a "$out"
echo "== tables in $out" >&2
