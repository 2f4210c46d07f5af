package io.asyncoracle.internal;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:fakeoracle:} URLs whose connections pass for ojdbc connections to
 * Oracle Database 23ai: enough of {@code oracle.jdbc.OracleConnection} and
 * {@code OraclePreparedStatement}'s Reactive Extensions for {@link OraclePipeline} to run offline.
 * A statement whose SQL contains {@code slow} never answers until the connection is cancelled
 * ({@code OracleConnection.cancel()}, as a break), when it fails with ORA-01013; every other
 * statement answers at once with one row touched. Every call that matters is recorded in
 * {@link #events()}: {@code execute <sql>}, {@code commitAsync}, {@code cancel}, {@code rollback},
 * {@code commit}, {@code close}.
 */
public final class FakeOracleDriver implements Driver {

  static final String URL = "jdbc:fakeoracle:db23";

  private static final List<String> EVENTS = new CopyOnWriteArrayList<>();
  private static final List<Flow.Subscriber<? super Object>> PENDING = new CopyOnWriteArrayList<>();

  static {
    try {
      DriverManager.registerDriver(new FakeOracleDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Loads the class, which registers the driver. */
  static void register() {
  }

  static List<String> events() {
    return Collections.unmodifiableList(new ArrayList<>(EVENTS));
  }

  static void clear() {
    EVENTS.clear();
    PENDING.clear();
  }

  /** Whether a slow statement is in flight, waiting for a cancel. */
  static boolean slowStatementPending() {
    return !PENDING.isEmpty();
  }

  @Override
  public Connection connect(String url, Properties info) {
    if (!acceptsURL(url)) {
      return null;
    }
    Class<?>[] types = {oracle.jdbc.OracleConnection.class};
    Object[] self = new Object[1];
    self[0] = Proxy.newProxyInstance(getClass().getClassLoader(), types, (proxy, method, args) -> {
      switch (method.getName()) {
        case "isWrapperFor":
          return ((Class<?>) args[0]).isInstance(proxy);
        case "unwrap":
          return proxy;
        case "isUsable":
        case "isValid":
          return true;
        case "getMetaData":
          return metaData();
        case "prepareStatement":
          return statement((String) args[0]);
        case "commitAsyncOracle":
          EVENTS.add("commitAsync");
          return answering(Boolean.TRUE);
        case "cancel":
          EVENTS.add("cancel");
          for (Flow.Subscriber<? super Object> pending : PENDING) {
            pending.onError(new SQLException("ORA-01013: user requested cancel of current operation", "72000", 1013));
          }
          PENDING.clear();
          return null;
        case "rollback":
        case "commit":
        case "close":
          EVENTS.add(method.getName());
          return null;
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        case "toString":
          return "FakeOracleConnection";
        default:
          return defaultValue(method.getReturnType());
      }
    });
    return (Connection) self[0];
  }

  private Object metaData() {
    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {java.sql.DatabaseMetaData.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getDatabaseMajorVersion" -> 23;
          case "getDatabaseProductName" -> "Oracle";
          case "getDatabaseProductVersion" -> "Oracle Database 23ai (fake)";
          default -> defaultValue(method.getReturnType());
        });
  }

  private Object statement(String sql) {
    return Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {oracle.jdbc.OraclePreparedStatement.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "unwrap":
              return proxy;
            case "isWrapperFor":
              return true;
            case "executeAsyncOracle":
            case "executeBatchAsyncOracle":
            case "executeQueryAsyncOracle":
              EVENTS.add("execute " + sql);
              if (sql.contains("slow")) {
                return (Flow.Publisher<Object>) subscriber -> {
                  subscriber.onSubscribe(new NoOpSubscription());
                  PENDING.add(subscriber);
                };
              }
              return answering(Boolean.FALSE);
            case "getLargeUpdateCount":
              return 1L;
            case "getUpdateCount":
              return 1;
            case "hashCode":
              return System.identityHashCode(proxy);
            case "equals":
              return proxy == args[0];
            case "toString":
              return "FakeOraclePreparedStatement[" + sql + "]";
            default:
              return defaultValue(method.getReturnType());
          }
        });
  }

  /** A publisher that answers at once with one item. */
  private static Flow.Publisher<Object> answering(Object item) {
    return subscriber -> {
      subscriber.onSubscribe(new NoOpSubscription());
      subscriber.onNext(item);
      subscriber.onComplete();
    };
  }

  private static final class NoOpSubscription implements Flow.Subscription {
    @Override
    public void request(long n) {
    }

    @Override
    public void cancel() {
    }
  }

  private static Object defaultValue(Class<?> type) {
    if (!type.isPrimitive() || type == void.class) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0d;
    }
    if (type == float.class) {
      return 0f;
    }
    if (type == char.class) {
      return '\0';
    }
    if (type == byte.class) {
      return (byte) 0;
    }
    if (type == short.class) {
      return (short) 0;
    }
    return 0;
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith("jdbc:fakeoracle:");
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
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("io.asyncoracle.test");
  }
}
