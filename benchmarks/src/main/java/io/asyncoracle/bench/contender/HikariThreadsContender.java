package io.asyncoracle.bench.contender;

import com.zaxxer.hikari.HikariDataSource;
import io.asyncoracle.bench.workload.Call;
import java.sql.Connection;
import java.util.concurrent.ThreadFactory;

/**
 * Diagnostics only: the threaded-sync code on HikariCP instead of UCP. Next to threaded sync it
 * shows what UCP's borrow costs on this database (with a non-Oracle driver UCP calls
 * {@code Connection.isValid()} on every borrow; on H2 that is a query).
 */
public final class HikariThreadsContender implements Contender {

  @Override
  public String name() {
    return "threaded sync on HikariCP";
  }

  @Override
  public String setup() {
    return "plain JDBC on HikariCP (as contender 3); one platform thread per caller";
  }

  @Override
  public Client open(ContenderContext context) {
    HikariDataSource dataSource = HikariFuturesContender.hikari(context, "bench-hikari-threads");
    ThreadFactory threads = ThreadedSyncContender.platformThreads("hikari-caller");
    return new BlockingClient() {
      @Override
      public Object execute(Call call) throws Exception {
        try (Connection c = dataSource.getConnection()) {
          return Jdbc.execute(c, call);
        }
      }

      @Override
      public ThreadFactory callerThreads() {
        return threads;
      }

      @Override
      public void close() {
        dataSource.close();
      }
    };
  }
}
