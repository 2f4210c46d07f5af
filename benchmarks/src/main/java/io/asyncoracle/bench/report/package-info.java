/** Writes a run's results: a Markdown report and a PNG chart. */
package io.asyncoracle.bench.report;
