package io.asyncoracle.bench.contender;

import io.asyncoracle.bench.db.DatabaseTarget;
import io.asyncoracle.bench.workload.Workload;
import java.time.Duration;

/**
 * What every contender is opened with. The same values go to every contender.
 *
 * @param target the database
 * @param poolSize the maximum (and minimum) number of connections
 * @param acquireTimeout how long a caller may wait for a connection before failing
 * @param workload the workload about to run
 * @param callers how many callers will run calls concurrently
 */
public record ContenderContext(DatabaseTarget target, int poolSize, Duration acquireTimeout, Workload workload,
    int callers) {
}
