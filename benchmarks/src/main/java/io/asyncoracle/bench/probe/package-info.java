/** Experiments that inform the core's design, reported next to the benchmark tables. */
package io.asyncoracle.bench.probe;
