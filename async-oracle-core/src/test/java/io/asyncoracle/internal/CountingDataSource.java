package io.asyncoracle.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A connection factory for UCP ({@code connectionFactoryClassName}) that opens H2 connections and
 * records every {@link Connection} method the pool (through UCP) calls on them, per database URL.
 * What a test counts is what reached the physical connection: on H2 every one of those that is
 * not local state is a round trip.
 */
public final class CountingDataSource implements DataSource {

  /** What each database URL's connections saw. */
  public static final class Log {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<Connection> physical = Collections.synchronizedList(new ArrayList<>());
    volatile boolean failValidation;

    /** @return a copy of the calls recorded since the last {@link #clear()} */
    public List<String> calls() {
      synchronized (calls) {
        return new ArrayList<>(calls);
      }
    }

    public void clear() {
      calls.clear();
    }

    /** @return the physical connections opened so far */
    public List<Connection> physical() {
      synchronized (physical) {
        return new ArrayList<>(physical);
      }
    }

    /** Makes {@code isValid} answer false, as a connection the database dropped would. */
    public void failValidation(boolean fail) {
      failValidation = fail;
    }
  }

  private static final Map<String, Log> LOGS = new ConcurrentHashMap<>();

  private final org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
  private String url;

  /**
   * The log of the connections to a URL.
   *
   * @param url the H2 URL
   * @return its log
   */
  public static Log log(String url) {
    return LOGS.computeIfAbsent(url, u -> new Log());
  }

  public void setURL(String url) {
    this.url = url;
    h2.setURL(url);
  }

  public String getURL() {
    return url;
  }

  public void setUser(String user) {
    h2.setUser(user);
  }

  public void setPassword(String password) {
    h2.setPassword(password);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return counting(h2.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return counting(h2.getConnection(user, password));
  }

  private Connection counting(Connection real) {
    Log log = log(url);
    Connection proxy = (Connection) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (p, method, args) -> {
          String name = method.getName();
          if (!name.equals("hashCode") && !name.equals("equals") && !name.equals("toString")) {
            log.calls.add(name);
          }
          if (name.equals("isValid") && log.failValidation) {
            return false;
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    log.physical.add(real);
    return proxy;
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
  }

  @Override
  public void setLoginTimeout(int seconds) {
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("io.asyncoracle.test");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
