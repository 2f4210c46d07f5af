package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;

import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** The Reactive Streams TCK (TestNG, run on the JUnit Platform) against {@link AsyncConnection#stream}. */
public class ConnectionStreamTckTest extends FlowPublisherVerification<Row> {

  private AsyncPool pool;
  private AsyncConnection conn;

  public ConnectionStreamTckTest() {
    super(StreamTck.ENVIRONMENT, StreamTck.GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void openConnection() {
    pool = StreamTck.pool();
    conn = await(pool.acquire());
  }

  @AfterClass(alwaysRun = true)
  public void closeConnection() {
    await(conn.close());
    await(pool.close(true, true));
  }

  @Override
  public Flow.Publisher<Row> createFlowPublisher(long elements) {
    return conn.stream(StreamTck.rows(elements));
  }

  @Override
  public Flow.Publisher<Row> createFailedFlowPublisher() {
    return conn.stream("select * from no_such_table");
  }
}
