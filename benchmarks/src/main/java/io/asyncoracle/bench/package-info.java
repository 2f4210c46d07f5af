/**
 * A side-by-side benchmark of async-oracle against the ways Java applications reach a database
 * today. {@link io.asyncoracle.bench.BenchmarkMain} is the entry point; {@code benchmarks/run.sh}
 * builds and starts it.
 */
package io.asyncoracle.bench;
