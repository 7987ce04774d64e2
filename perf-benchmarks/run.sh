#!/usr/bin/env bash
# Builds the benchmarks and runs one JMH benchmark class, keeping its results as JSON under
# docs/benchmark-results/ so docs/benchmarks.md can cite them.
#   perf-benchmarks/run.sh WorkScopeBenchmark               # the class's own warmup/measurement settings
#   perf-benchmarks/run.sh WorkScopeBenchmark -prof gc      # extra JMH options pass through
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  echo "usage: perf-benchmarks/run.sh <BenchmarkClass> [JMH options...]" >&2
  exit 2
fi
name="$1"; shift
./mvnw -B -q -pl perf-benchmarks -am package -DskipTests
mkdir -p docs/benchmark-results
out="docs/benchmark-results/${name}.json"
java -jar perf-benchmarks/target/benchmarks.jar "$name" -rf json -rff "$out" "$@"
echo "results: $out"
