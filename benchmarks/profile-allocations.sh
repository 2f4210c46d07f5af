#!/usr/bin/env bash
# Builds the benchmarks module and records where each contender's bytes go (JFR allocation samples),
# writing benchmarks/results/allocations.md and one .jfr file per contender and workload.
#   benchmarks/profile-allocations.sh                  async-oracle and HikariCP + supplyAsync, fast query and insert
#   benchmarks/profile-allocations.sh --contenders='async-oracle,virtual threads + HikariCP' --workloads=fast_query
#   benchmarks/profile-allocations.sh --exact --window=5000   also count every object (Epsilon GC, class histograms)
# Options are the benchmark's (benchmarks/run.sh --help). The JVM is chosen as in run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

java_bin=${BENCH_JAVA:-}
if [ -z "$java_bin" ]; then
  if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
    java_bin=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  elif [ -n "${JAVA_HOME:-}" ]; then
    java_bin=$JAVA_HOME/bin/java
  else
    java_bin=java
  fi
fi

./mvnw -q -B -ntp -pl benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

# The benchmark's JVM flags. Not small fixed TLABs: JFR samples an allocation when a thread takes a new
# TLAB, and with a fixed size the refills fall on the same objects of a regular per-call pattern
# (the insert's), so a few sites take all the weight.
flags=(-Xms2g -Xmx2g -XX:+UseG1GC)
if [ "${1:-}" = "--exact" ]; then
  # Epsilon GC never collects, so class histograms before and after a window count every object
  # allocated in it. CPU figures of such a run are not the benchmark's (no GC at all).
  shift
  flags=(-Xms1g -Xmx12g -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC)
fi
exec "$java_bin" "${flags[@]}" -cp "$classpath" io.asyncoracle.bench.probe.AllocationProfile "$@"
