#!/usr/bin/env bash
# Builds the benchmarks module and runs the benchmark; writes benchmarks/results/latest.md and latest.png.
#   benchmarks/run.sh            the default run (a few minutes on 2 cores)
#   benchmarks/run.sh --quick    a smoke run of seconds
#   benchmarks/run.sh --help     every option
# The JVM: $BENCH_JAVA if set, else Temurin 25 when installed (virtual threads), else $JAVA_HOME/bin/java, else java.
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

# Same JVM flags for every contender: they all run in this one JVM, one after another.
exec "$java_bin" -Xms2g -Xmx2g -XX:+UseG1GC -Dbench.command="benchmarks/run.sh $*" \
  -cp "$classpath" io.asyncoracle.bench.BenchmarkMain "$@"
