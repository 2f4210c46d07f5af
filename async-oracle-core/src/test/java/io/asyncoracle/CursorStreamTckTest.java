package io.asyncoracle;

import static io.asyncoracle.TestFutures.await;

import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** The Reactive Streams TCK (TestNG, run on the JUnit Platform) against {@link AsyncCursor#stream()}. */
public class CursorStreamTckTest extends FlowPublisherVerification<Row> {

  private AsyncPool pool;
  private AsyncConnection conn;

  public CursorStreamTckTest() {
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
    AsyncCursor cursor = conn.cursor();
    await(cursor.execute(StreamTck.rows(elements)));
    return cursor.stream();
  }

  /**
   * None: a cursor's stream runs nothing until rows are requested, so it cannot fail before a
   * request, which is what rule 1.4's check needs. The connection's stream covers that rule.
   */
  @Override
  public Flow.Publisher<Row> createFailedFlowPublisher() {
    return null;
  }
}
