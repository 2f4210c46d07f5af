package io.asyncoracle.boot.template;

import io.asyncoracle.AsyncOracle;
import io.asyncoracle.AsyncPool;
import io.asyncoracle.PoolOptions;
import io.asyncoracle.boot.TestDatabases;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK (TestNG, run on the JUnit Platform) against the template's
 * {@code queryForStream}: the relay that borrows a connection, maps rows and gives it back.
 */
public class TemplateStreamTckTest extends FlowPublisherVerification<Long> {

  private AsyncPool pool;
  private AsyncOracleTemplate template;

  public TemplateStreamTckTest() {
    // Generous for the signals a check waits for (a loaded machine); short for those that must not come.
    super(new TestEnvironment(5_000, 200), 5_000);
  }

  @BeforeClass
  public void openPool() {
    // LAZY_QUERY_EXECUTION: rule 3.17 streams Integer.MAX_VALUE rows, which H2 would otherwise build first.
    pool = AsyncOracle.createPool(PoolOptions.builder().url(TestDatabases.memUrl() + ";LAZY_QUERY_EXECUTION=TRUE")
        .poolName("stream-tck").min(1).max(4).build()).join();
    template = new AsyncOracleTemplate(pool);
  }

  @AfterClass(alwaysRun = true)
  public void closePool() {
    pool.close(true, true).join();
  }

  @Override
  public Flow.Publisher<Long> createFlowPublisher(long elements) {
    return template.queryForStream("select x from system_range(1, " + elements + ")", (rs, i) -> rs.getLong(1));
  }

  /**
   * A stream that fails before it borrows anything (a missing named parameter). Bad SQL fails
   * only once rows are requested, since the query runs then; {@code TemplateStreamTest} covers it.
   */
  @Override
  public Flow.Publisher<Long> createFailedFlowPublisher() {
    return template.queryForStream("select :missing from dual", java.util.Map.of(), (rs, i) -> rs.getLong(1));
  }
}
