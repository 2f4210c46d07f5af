package io.asyncoracle.bench.contender;

import io.asyncoracle.bench.workload.Call;
import java.sql.Connection;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import oracle.ucp.jdbc.PoolDataSource;

/**
 * Contender 1, the baseline: plain JDBC on a UCP pool, one platform thread per concurrent caller,
 * each borrowing, running its statement and returning the connection. The ceiling for this driver.
 */
public final class ThreadedSyncContender implements Contender {

  @Override
  public String name() {
    return "threaded sync";
  }

  @Override
  public String setup() {
    return "plain JDBC on UCP (UCP defaults, fixed size, connection wait = acquire timeout); one platform thread per caller";
  }

  @Override
  public Client open(ContenderContext context) throws Exception {
    return new UcpBlockingClient(UcpPools.start(context, "bench-sync"), platformThreads("sync-caller"), true);
  }

  static ThreadFactory platformThreads(String prefix) {
    AtomicInteger sequence = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + sequence.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Borrow, run, return: the code a synchronous application runs on each of its threads. */
  static final class UcpBlockingClient implements BlockingClient {
    private final PoolDataSource pds;
    private final ThreadFactory threads;
    private final boolean platform;

    UcpBlockingClient(PoolDataSource pds, ThreadFactory threads, boolean platform) {
      this.pds = pds;
      this.threads = threads;
      this.platform = platform;
    }

    @Override
    public boolean platformThreads() {
      return platform;
    }

    @Override
    public Object execute(Call call) throws Exception {
      try (Connection c = Jdbc.autocommitOff(pds.getConnection())) {
        return Jdbc.execute(c, call);
      }
    }

    @Override
    public ThreadFactory callerThreads() {
      return threads;
    }

    @Override
    public void close() {
      UcpPools.destroy(pds);
    }
  }
}
