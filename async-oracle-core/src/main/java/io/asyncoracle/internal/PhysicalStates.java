package io.asyncoracle.internal;

import io.asyncoracle.PoolOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What outlives one hold of a physical connection (set-up done, tag, age), by driver connection:
 * UCP may lend the pool the same physical connection again after it was given back. One per pool.
 */
final class PhysicalStates {

  private final Map<Connection, PhysicalState> byConnection = Collections.synchronizedMap(new WeakHashMap<>());

  /** Takes over a connection borrowed from UCP, with what the pool knew of it from earlier holds. */
  HeldConnection adopt(Connection c, PoolOptions options, long now) throws SQLException {
    HeldConnection held = HeldConnection.adopt(c, options.module(), now);
    PhysicalState known = byConnection.get(held.physical);
    if (known == null) {
      known = held.state;
      // UCP opened it with the statement cache size it was configured with (setMaxStatements).
      known.stmtCacheSize = options.stmtCacheSize();
      byConnection.put(held.physical, known);
    } else {
      held.state = known;
      // Taking it over turned autocommit off and set the pool's module: the session callback's stay.
      known.baseline.restoreOn(held.physical);
    }
    return held;
  }
}
