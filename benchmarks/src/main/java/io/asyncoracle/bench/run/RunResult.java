package io.asyncoracle.bench.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a run produced.
 *
 * @param started when it started
 * @param elapsed how long it took
 * @param settings the settings, as text
 * @param machine the machine description
 * @param database the database description
 * @param workloads the main tables
 * @param diagnostics the async-oracle diagnostics tables (may be empty)
 * @param ucpProbe the UCP async-borrow probe's report in Markdown (may be null)
 * @param contenderSetups each contender's name and setup, in table order
 * @param javaFeatureVersion the feature version of the JVM the run was on (17, 21, 25...): some goals
 *     depend on whether virtual threads were available to async-oracle
 */
public record RunResult(Instant started, Duration elapsed, String settings, String machine, String database,
    List<WorkloadResult> workloads, List<WorkloadResult> diagnostics, String ucpProbe,
    List<String[]> contenderSetups, int javaFeatureVersion) {
}
