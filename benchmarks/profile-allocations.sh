#!/usr/bin/env bash
# Builds the benchmarks module and records where each contender's bytes go (JFR allocation samples),
# writing benchmarks/results/allocations.md and one .jfr file per contender and workload.
#   benchmarks/profile-allocations.sh                  async-oracle and HikariCP + supplyAsync, fast query and insert
#   benchmarks/profile-allocations.sh --contenders='async-oracle,virtual threads + HikariCP' --workloads=fast_query
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

# The benchmark's JVM flags, plus small fixed TLABs: JFR takes an allocation sample only when a thread
# needs a new TLAB (or allocates outside one), so 8 KiB TLABs give far more samples than the default
# ones of hundreds of KiB. The bytes allocated are the same; only where they are sampled changes.
exec "$java_bin" -Xms2g -Xmx2g -XX:+UseG1GC -XX:TLABSize=8k -XX:-ResizeTLAB \
  -cp "$classpath" io.asyncoracle.bench.probe.AllocationProfile "$@"
