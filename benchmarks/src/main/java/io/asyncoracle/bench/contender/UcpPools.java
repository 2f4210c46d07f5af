package io.asyncoracle.bench.contender;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import oracle.ucp.admin.UniversalConnectionPoolManagerImpl;
import oracle.ucp.jdbc.PoolDataSource;
import oracle.ucp.jdbc.PoolDataSourceFactory;

/**
 * Plain UCP pools for the blocking contenders: UCP's defaults, except the size (fixed at the pool
 * size, opened up front, as every contender's pool is) and the wait for a free connection (the
 * acquire timeout every contender gets, instead of UCP's 3 s default).
 */
public final class UcpPools {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private UcpPools() {
  }

  /**
   * Creates and starts a pool with every connection opened.
   *
   * @param context the contender context
   * @param prefix the pool name prefix
   * @return the started pool
   * @throws SQLException if the database cannot be reached
   */
  public static PoolDataSource start(ContenderContext context, String prefix) throws SQLException {
    PoolDataSource pds = PoolDataSourceFactory.getPoolDataSource();
    pds.setConnectionPoolName(prefix + "-" + SEQUENCE.incrementAndGet());
    pds.setConnectionFactoryClassName(context.target().ucpFactoryClassName());
    pds.setURL(context.target().url());
    pds.setUser(context.target().user());
    pds.setPassword(context.target().password());
    pds.setInitialPoolSize(context.poolSize());
    pds.setMinPoolSize(context.poolSize());
    pds.setMaxPoolSize(context.poolSize());
    pds.setConnectionWaitDuration(context.acquireTimeout());
    warmUp(pds, context.poolSize());
    return pds;
  }

  /** Borrows every connection once, turning autocommit off as the calls expect. */
  private static void warmUp(PoolDataSource pds, int size) throws SQLException {
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < size; i++) {
        held.add(Jdbc.autocommitOff(pds.getConnection()));
      }
    } finally {
      for (Connection c : held) {
        c.close();
      }
    }
  }

  /**
   * Destroys a pool, closing its connections (UCP's data source has no {@code close()}).
   *
   * @param pds the pool
   */
  public static void destroy(PoolDataSource pds) {
    try {
      UniversalConnectionPoolManagerImpl.getUniversalConnectionPoolManager()
          .destroyConnectionPool(pds.getConnectionPoolName());
    } catch (Exception e) {
      throw new IllegalStateException("cannot destroy UCP pool " + pds.getConnectionPoolName(), e);
    }
  }
}
