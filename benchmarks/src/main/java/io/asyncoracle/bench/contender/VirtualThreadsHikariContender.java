package io.asyncoracle.bench.contender;

import com.zaxxer.hikari.HikariDataSource;
import io.asyncoracle.bench.workload.Call;
import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * A peer: what a Spring Boot 4 application runs with {@code spring.threads.virtual.enabled=true} and
 * a blocking {@code JdbcTemplate} on HikariCP, Boot's default pool. One virtual thread per caller
 * (10,000 in the crowd), each borrowing from HikariCP at its defaults (the same pool as
 * {@link HikariFuturesContender}), running its statement with plain JDBC and giving the connection
 * back. On a JVM without virtual threads (Java 17) it reports itself not applicable.
 */
public final class VirtualThreadsHikariContender implements Contender {

  /** The name in tables, and for {@code --contenders}. */
  public static final String NAME = "virtual threads + HikariCP";

  @Override
  public String name() {
    return NAME;
  }

  /** A peer: blocking JDBC on virtual threads is how Spring Boot 4 applications increasingly run. */
  @Override
  public boolean peer() {
    return true;
  }

  @Override
  public String setup() {
    return "HikariCP as contender 3 (defaults; fixed size; autoCommit=false for the insert workload), plain blocking "
        + "JDBC, one virtual thread per caller (as Spring Boot 4 with spring.threads.virtual.enabled=true)";
  }

  @Override
  public Optional<String> notApplicable() {
    return VirtualThreadsContender.unavailableReason();
  }

  @Override
  public Client open(ContenderContext context) {
    ThreadFactory virtualThreads = VirtualThreadsContender.factory("virtual-hikari-caller-");
    HikariDataSource dataSource = HikariFuturesContender.hikari(context, "bench-virtual-hikari");
    return new BlockingClient() {
      @Override
      public Object execute(Call call) throws Exception {
        try (Connection c = dataSource.getConnection()) {
          return Jdbc.execute(c, call);
        }
      }

      @Override
      public ThreadFactory callerThreads() {
        return virtualThreads;
      }

      @Override
      public boolean platformThreads() {
        return false;
      }

      @Override
      public void close() {
        dataSource.close();
      }
    };
  }
}
