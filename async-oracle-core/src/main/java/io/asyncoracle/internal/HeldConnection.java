package io.asyncoracle.internal;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * A physical connection the async pool holds: borrowed from UCP once and lent to many acquires
 * until it goes back (idle past a window, held too long, invalid, or the pool closing). What is
 * learned about the connection once (Oracle or not, the database's name) is kept here, so a borrow
 * asks the driver nothing.
 */
final class HeldConnection {

  private static final System.Logger LOG = System.getLogger(HeldConnection.class.getName());

  /** The connection as UCP lent it (its proxy): for UCP's view of it, and to give it back. */
  final Connection jdbc;
  /**
   * The driver's own connection behind UCP's proxy, which every call uses: UCP's proxies create a
   * proxy object by reflection for each statement and result set, a cost per call that buys us
   * nothing, since the pool closes what it opens itself. Closing and the local validity check still
   * go through {@link #jdbc}, so UCP sees the connection's life as before.
   */
  final Connection physical;
  final boolean oracle;
  private final oracle.jdbc.OracleConnection oracleConnection;
  /** When the pool took it from UCP ({@link System#nanoTime()}). */
  final long heldSince;
  /** When it was last given back by an application; guarded by the pool's lock. */
  long lastUsed;
  /** How many times it was lent. */
  int uses;
  private volatile String databaseDescription;
  /**
   * Whether pipelines on this connection go to the database in one round trip (Oracle 23ai+),
   * learned on the first pipeline; {@code null} until then. Used on the connection's lane only.
   */
  Boolean pipelining;
  /** The session it is lent to, or {@code null} while idle. */
  volatile Session lentTo;
  /** The waiter {@link PoolState} handed it to, until the pool lends it (guarded by the state's lock). */
  AcquireFuture handedTo;
  /** What outlives this hold (set-up done, tag, age); set by the pool when it takes the connection. */
  PhysicalState state;
  /** Result shapes by SQL text; used on the connection's lane only. */
  private final java.util.LinkedHashMap<String, RowReader.Shape> shapes =
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, RowReader.Shape> eldest) {
          return size() > SHAPES;
        }
      };
  private static final int SHAPES = 64;

  /** A held connection; tests of the pool's state make them with no driver connection at all. */
  HeldConnection(Connection jdbc, Connection physical, boolean oracle,
      oracle.jdbc.OracleConnection oracleConnection, long now) {
    this.jdbc = jdbc;
    this.physical = physical;
    this.oracle = oracle;
    this.oracleConnection = oracleConnection;
    this.heldSince = now;
    this.lastUsed = now;
    this.state = new PhysicalState(now);
  }

  /**
   * Takes over a connection just opened or borrowed from UCP: autocommit off, as in the reference
   * (it then stays off between borrows: a release restores it), and the default module tag.
   *
   * @param jdbc the connection
   * @param module the module tag to set, or {@code null}
   * @param now the pool's clock now
   * @return the held connection
   * @throws SQLException if the connection cannot be set up
   */
  static HeldConnection adopt(Connection jdbc, String module, long now) throws SQLException {
    boolean oracle = jdbc.isWrapperFor(oracle.jdbc.OracleConnection.class);
    if (jdbc.getAutoCommit()) {
      jdbc.setAutoCommit(false);
    }
    if (module != null) {
      jdbc.setClientInfo(Session.MODULE, module);
    }
    oracle.jdbc.OracleConnection oracleConnection = oracle ? jdbc.unwrap(oracle.jdbc.OracleConnection.class) : null;
    return new HeldConnection(jdbc, oracle ? oracleConnection : physicalOf(jdbc), oracle, oracleConnection, now);
  }

  /** The driver's connection behind a UCP proxy; the connection itself when it is not a proxy. */
  private static Connection physicalOf(Connection jdbc) {
    if (!(jdbc instanceof oracle.ucp.jdbc.ValidConnection)) {
      return jdbc;
    }
    try {
      Connection physical = jdbc.unwrap(Connection.class);
      return physical != null ? physical : jdbc;
    } catch (SQLException | RuntimeException e) {
      return jdbc;
    }
  }

  /**
   * The described columns of a query this connection ran, reused while the result keeps its column
   * names and types. Runs on the lane.
   */
  RowReader.Shape shape(String sql, java.sql.ResultSetMetaData metaData) throws SQLException {
    RowReader.Shape shape = shapes.get(sql);
    if (shape == null || !shape.matches(metaData)) {
      shape = RowReader.Shape.of(metaData);
      shapes.put(sql, shape);
    }
    return shape;
  }

  oracle.jdbc.OracleConnection oracleConnection() {
    return oracleConnection;
  }

  /**
   * Whether the connection looks usable without asking the database: not closed (UCP closes the
   * connections it aborts, after a FAN down event say) and, on ojdbc, still usable by the driver's
   * own flag. {@code ValidConnection.isValid()} is not used: UCP answers it with a round trip.
   *
   * @return {@code false} when it must not be lent again
   */
  boolean usableLocally() {
    try {
      if (jdbc.isClosed()) {
        return false;
      }
      return oracleConnection == null || oracleConnection.isUsable();
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Asks the database whether the connection works: {@code isValid}, which ojdbc answers with a
   * ping.
   *
   * @param timeoutSeconds how long to wait, 0 for no limit
   * @return whether it answered
   */
  boolean validate(int timeoutSeconds) {
    try {
      return jdbc.isValid(timeoutSeconds);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** Product name and version of the database, for messages; asked once. Runs on a lane. */
  String describeDatabase() {
    String description = databaseDescription;
    if (description == null) {
      try {
        DatabaseMetaData md = jdbc.getMetaData();
        description = md.getDatabaseProductName() + " " + md.getDatabaseProductVersion();
      } catch (SQLException | RuntimeException e) {
        description = "a non-Oracle database";
      }
      databaseDescription = description;
    }
    return description;
  }

  /**
   * A lend begins: a request for the driver (JDBC 4.3 {@code beginRequest}), so Application
   * Continuity, DRCP and planned draining see one request per lend. On ojdbc 23.26 it sets a flag
   * under the connection's lock (and attaches a DRCP server connection when multiplexing is on).
   */
  void beginRequest() {
    try {
      physical.beginRequest();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "beginRequest failed: " + e);
    }
  }

  /**
   * A lend ends ({@code endRequest}). On ojdbc 23.26 it clears the flag under the connection's lock,
   * rolls back a transaction still open (the release rolled back already, so none is), checks for
   * planned draining, and detaches a multiplexed DRCP server connection.
   */
  void endRequest() {
    try {
      physical.endRequest();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "endRequest failed: " + e);
    }
  }

  /**
   * Aborts the driver's connection (JDBC {@code abort}): ojdbc closes its socket at once, so a
   * thread stuck in a read on a network that went silent returns with an error instead of waiting
   * for TCP to give up, and the session's resources are freed. Only for connections the pool gave up
   * on; never for H2, whose abort sends a close over the same silent network.
   *
   * @param executor where the driver may finish the abort
   */
  void abort(java.util.concurrent.Executor executor) {
    try {
      physical.abort(executor);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "aborting a connection failed: " + e);
    }
  }

  /** Gives the connection back to UCP for reuse. May block briefly: call it on a worker. */
  void returnToUcp() {
    try {
      jdbc.close();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "returning a connection to UCP failed: " + e);
    }
  }

  /**
   * Closes a working connection for good (a drop, a connection past its lifetime or idle past the
   * pool's timeout): UCP is told not to reuse it ({@code ValidConnection.setInvalid()}), so closing
   * UCP's proxy closes the physical connection and removes it from UCP's count. Call it on a worker.
   */
  void close() {
    if (!usableLocally()) {
      // Already broken: the discard path (see discard()), never setInvalid on a dead connection.
      discard();
      return;
    }
    try {
      // ojdbc commits on close when autocommit is off (JDBC Developer's Guide): a dropped connection's
      // uncommitted work must be rolled back, never committed by the close.
      if (!physical.getAutoCommit()) {
        physical.rollback();
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "rolling back a connection before closing it failed: " + e);
    }
    try {
      if (jdbc instanceof oracle.ucp.jdbc.ValidConnection valid) {
        valid.setInvalid();
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "marking a connection for closing failed: " + e);
    }
    try {
      jdbc.close();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "closing a connection failed: " + e);
    }
  }

  /**
   * Gives a broken connection back so that UCP never lends it again. UCP's own check on its next
   * borrow ({@code isValid}) finds it dead and replaces it. {@code ValidConnection.setInvalid()} is
   * not used: measured with connections cut under load, UCP 23.26 then leaked borrow permits until
   * every later borrow waited (UCP-45064, "all connections in use", with two of eight borrowed).
   */
  void discard() {
    try {
      jdbc.close();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "closing a discarded connection failed: " + e);
    }
  }
}
