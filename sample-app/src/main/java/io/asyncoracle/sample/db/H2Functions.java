package io.asyncoracle.sample.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.h2.command.Prepared;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * Java functions the sample registers in the embedded H2 database ({@code CREATE ALIAS}).
 */
public final class H2Functions {

  private static final long POLL_MILLIS = 20;

  private H2Functions() {
  }

  /**
   * {@code SLEEP_SECONDS(n)}: sleeps n seconds inside the database, the H2 stand-in for Oracle's
   * {@code DBMS_SESSION.SLEEP}, and stops as soon as the statement is cancelled.
   *
   * <p>Why it polls: {@code Statement.cancel()} on H2 only flags the running command as cancelled
   * (it does not interrupt the thread running it), and H2's operators notice by calling
   * {@link Prepared#checkCanceled()} as they go, which checks the session's current command: here
   * the {@code CALL} running this function. A plain {@code Thread.sleep} would ignore the cancel,
   * and so would ignore call timeouts and an interrupting pool close.
   *
   * @param connection the calling session's connection, passed in by H2
   * @param seconds how long to sleep
   * @return {@code seconds}
   * @throws SQLException when the statement is cancelled, or the thread interrupted
   */
  public static int sleepSeconds(Connection connection, int seconds) throws SQLException {
    SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
    // A statement prepared, never run, has no command of its own: its check looks at the running one.
    Prepared probe = session.prepare("select 1");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      probe.checkCanceled();
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return seconds;
      }
      try {
        Thread.sleep(Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("sleep_seconds was interrupted", "57014", e);
      }
    }
  }
}
