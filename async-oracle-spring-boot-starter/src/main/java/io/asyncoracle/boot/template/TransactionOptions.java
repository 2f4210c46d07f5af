package io.asyncoracle.boot.template;

import java.time.Duration;
import java.util.Objects;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Isolation;

/**
 * How {@link AsyncOracleTemplate#inTransaction(TransactionOptions, java.util.function.Function)}
 * runs a transaction: its isolation level, whether it is read-only, and how long it may take.
 * Immutable; start from {@link #defaults()} and change what you need:
 *
 * <pre>{@code
 * TransactionOptions.defaults().isolation(Isolation.SERIALIZABLE).timeout(Duration.ofSeconds(5))
 * }</pre>
 *
 * <p>What each means:
 * <ul>
 *   <li><b>isolation</b>: set on the connection before the work starts ({@code Connection.setTransactionIsolation});
 *       Oracle knows {@code READ_COMMITTED} (its default) and {@code SERIALIZABLE}. {@link Isolation#DEFAULT}
 *       leaves the pool's level. The level goes back to the pool's when the connection is returned.</li>
 *   <li><b>read-only</b>: the connection is made read-only before the work starts ({@code Connection.setReadOnly},
 *       which on Oracle opens a read-only transaction: any write fails with ORA-01456). The transaction's own
 *       write operations ({@code update}, {@code batchUpdate}) are refused before they reach the database on
 *       every database, since some (H2) take read-only as a hint only.</li>
 *   <li><b>timeout</b>: counted from when the transaction has its connection. Every call of the transaction runs
 *       with at most the time left as its call timeout (the database call is cancelled when it runs out); a
 *       call or the commit attempted after the deadline fails without running. Either way the transaction rolls
 *       back and its future fails with a {@link org.springframework.dao.QueryTimeoutException} caused by the
 *       core's {@link io.asyncoracle.CallTimeoutException}. {@code null} means no timeout beyond the pool's
 *       call timeout.</li>
 * </ul>
 *
 * @param isolation the isolation level, {@link Isolation#DEFAULT} to keep the pool's
 * @param readOnly whether the transaction only reads
 * @param timeout the time the whole transaction may take, or {@code null} for none
 */
public record TransactionOptions(Isolation isolation, boolean readOnly, Duration timeout) {

  private static final TransactionOptions DEFAULTS = new TransactionOptions(Isolation.DEFAULT, false, null);

  /**
   * Checks the components.
   *
   * @param isolation the isolation level
   * @param readOnly whether read-only
   * @param timeout the timeout, or {@code null}
   */
  public TransactionOptions {
    Objects.requireNonNull(isolation, "isolation");
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /**
   * The options {@code inTransaction(work)} uses: the pool's isolation level, read-write, no timeout.
   *
   * @return the defaults
   */
  public static TransactionOptions defaults() {
    return DEFAULTS;
  }

  /**
   * The options of a Spring {@link TransactionDefinition} (for instance one read from
   * {@code @Transactional} attributes): isolation, read-only and timeout. Propagation has no
   * meaning here (every {@code inTransaction} is a new transaction on its own connection).
   *
   * @param definition the definition
   * @return the options
   */
  public static TransactionOptions of(TransactionDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    Isolation isolation = definition.getIsolationLevel() == TransactionDefinition.ISOLATION_DEFAULT
        ? Isolation.DEFAULT : isolationOf(definition.getIsolationLevel());
    Duration timeout = definition.getTimeout() == TransactionDefinition.TIMEOUT_DEFAULT
        ? null : Duration.ofSeconds(definition.getTimeout());
    return new TransactionOptions(isolation, definition.isReadOnly(), timeout);
  }

  private static Isolation isolationOf(int level) {
    for (Isolation isolation : Isolation.values()) {
      if (isolation.value() == level) {
        return isolation;
      }
    }
    throw new IllegalArgumentException("unknown isolation level " + level);
  }

  /**
   * Returns these options with another isolation level.
   *
   * @param isolation the level
   * @return the new options
   */
  public TransactionOptions isolation(Isolation isolation) {
    return new TransactionOptions(isolation, readOnly, timeout);
  }

  /**
   * Returns these options, read-only or not.
   *
   * @param readOnly whether the transaction only reads
   * @return the new options
   */
  public TransactionOptions readOnly(boolean readOnly) {
    return new TransactionOptions(isolation, readOnly, timeout);
  }

  /**
   * Returns these options with another timeout.
   *
   * @param timeout the time the transaction may take, or {@code null} for none
   * @return the new options
   */
  public TransactionOptions timeout(Duration timeout) {
    return new TransactionOptions(isolation, readOnly, timeout);
  }
}
