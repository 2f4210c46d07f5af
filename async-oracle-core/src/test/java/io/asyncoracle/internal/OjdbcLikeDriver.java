package io.asyncoracle.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:ojdbclike:h2:...} URLs whose connections are H2 connections dressed
 * as ojdbc's {@code oracle.jdbc.internal.OracleConnection}: the library takes them for Oracle
 * connections, so its Oracle-only paths run offline. JDBC calls go to H2; Oracle-only calls are
 * recorded and answered with the values a test sets. Two driver behaviours are imitated, each read
 * from ojdbc 23.26 ({@code javap -c}) or its Developer's Guide:
 * <ul>
 *   <li>{@code close()} with autocommit off commits ("an implicit COMMIT operation is executed");</li>
 *   <li>the Oracle-only statements in {@link #ORACLE_ONLY} are recorded, not sent to H2 (which has no
 *       such syntax).</li>
 * </ul>
 */
public final class OjdbcLikeDriver implements Driver {

  /** The URL prefix this driver answers; the rest, after {@code jdbc:}, is an H2 URL. */
  public static final String PREFIX = "jdbc:ojdbclike:";

  /** Statements H2 does not know that the library sends only to Oracle. */
  private static final Set<String> ORACLE_ONLY = Set.of("SET TRANSACTION READ ONLY");

  /** What every connection of this driver saw, in order: Oracle-only calls, SQL texts, commits. */
  public static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

  /** What {@code getNegotiatedSDU()} answers. */
  public static volatile int negotiatedSdu = 8192;

  private static final OjdbcLikeDriver INSTANCE = new OjdbcLikeDriver();

  static {
    try {
      DriverManager.registerDriver(INSTANCE);
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private OjdbcLikeDriver() {
  }

  /**
   * The URL of an H2 database reached through this driver.
   *
   * @param h2Url a {@code jdbc:h2:} URL
   * @return the same database as an "Oracle" URL
   */
  public static String url(String h2Url) {
    return PREFIX + h2Url.substring("jdbc:".length());
  }

  /** @return a copy of the events recorded so far */
  public static List<String> events() {
    synchronized (EVENTS) {
      return new ArrayList<>(EVENTS);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Connection h2 = DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info);
    return (Connection) Proxy.newProxyInstance(OjdbcLikeDriver.class.getClassLoader(),
        new Class<?>[] {oracle.jdbc.internal.OracleConnection.class}, new ConnectionHandler(h2));
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 23;
  }

  @Override
  public int getMinorVersion() {
    return 26;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getGlobal();
  }

  private static final class ConnectionHandler implements InvocationHandler {
    private final Connection h2;

    ConnectionHandler(Connection h2) {
      this.h2 = h2;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      switch (name) {
        case "unwrap":
          return ((Class<?>) args[0]).isInstance(proxy) ? proxy : h2.unwrap((Class<?>) args[0]);
        case "isWrapperFor":
          return ((Class<?>) args[0]).isInstance(proxy) || h2.isWrapperFor((Class<?>) args[0]);
        case "close":
          if (!h2.isClosed() && !h2.getAutoCommit()) {
            // ojdbc: "an implicit COMMIT operation is executed" when a connection closes.
            EVENTS.add("implicit commit on close");
            h2.commit();
          }
          EVENTS.add("close");
          h2.close();
          return null;
        case "abort":
          EVENTS.add("abort");
          break;
        case "commit", "rollback":
          if (args == null) {
            EVENTS.add(name);
          }
          break;
        case "createStatement":
          return statement((Statement) forward(method, args));
        case "prepareStatement", "prepareCall":
          boolean keys = args.length == 2 && Integer.valueOf(Statement.RETURN_GENERATED_KEYS).equals(args[1]);
          EVENTS.add((keys ? "prepare with keys " : "prepare ") + args[0]);
          break;
        case "isUsable":
          return !h2.isClosed();
        case "getVersionNumber":
          // Oracle Database 23.4, as ojdbc encodes it (its XA resource refuses version 0).
          return (short) 23400;
        case "getNegotiatedSDU":
          EVENTS.add(name);
          return negotiatedSdu;
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        case "toString":
          return "OjdbcLike(" + h2 + ")";
        default:
          break;
      }
      if (method.getDeclaringClass().isAssignableFrom(Connection.class)) {
        return forward(method, args);
      }
      // Oracle-only: recorded, answered with the type's zero value.
      EVENTS.add(name);
      return zero(method.getReturnType());
    }

    private Object forward(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(h2, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private static Statement statement(Statement h2Statement) {
      return (Statement) Proxy.newProxyInstance(OjdbcLikeDriver.class.getClassLoader(),
          new Class<?>[] {Statement.class}, (proxy, method, args) -> {
            if (method.getName().startsWith("execute") && args != null && args.length >= 1
                && args[0] instanceof String sql) {
              EVENTS.add("execute " + sql);
              if (ORACLE_ONLY.contains(sql.trim().toUpperCase(java.util.Locale.ROOT))) {
                return method.getReturnType() == boolean.class ? Boolean.FALSE : zero(method.getReturnType());
              }
            }
            try {
              return method.invoke(h2Statement, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    private static Object zero(Class<?> type) {
      if (!type.isPrimitive() || type == void.class) {
        return null;
      }
      if (type == boolean.class) {
        return false;
      }
      if (type == long.class) {
        return 0L;
      }
      if (type == short.class) {
        return (short) 0;
      }
      if (type == byte.class) {
        return (byte) 0;
      }
      if (type == char.class) {
        return '\0';
      }
      if (type == double.class) {
        return 0d;
      }
      if (type == float.class) {
        return 0f;
      }
      return 0;
    }
  }
}
