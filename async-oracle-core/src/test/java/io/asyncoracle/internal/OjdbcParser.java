package io.asyncoracle.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * ojdbc's own SQL parser, {@code oracle.jdbc.driver.OracleSql}, called offline through reflection
 * (it needs no connection: its {@code DBConversion} may be null), and a prepared statement that
 * binds the way ojdbc's does, so tests check the library's binds against the driver's rules:
 * <ul>
 *   <li>{@code getParameterCount()}: how many values the driver wants (fewer is ORA-17041, "Missing
 *       IN or OUT parameter at index");</li>
 *   <li>{@code getParameterList()}: each parameter's name as written; {@code setObjectAtName(name, v)}
 *       sets every position whose name is the same string ({@code String.intern} and {@code ==} in
 *       {@code OraclePreparedStatement.setObjectAtName}, read with {@code javap -c}).</li>
 * </ul>
 */
final class OjdbcParser {

  private OjdbcParser() {
  }

  /**
   * The parameter names ojdbc finds in a text, one per bind position.
   *
   * @param sql the text as prepared
   * @return the names as written, in position order ({@code null} for a {@code ?})
   */
  static List<String> parameters(String sql) {
    try {
      Class<?> type = Class.forName("oracle.jdbc.driver.OracleSql");
      Constructor<?> create = type.getConstructor(Class.forName("oracle.jdbc.driver.DBConversion"));
      Object parsed = create.newInstance(new Object[] {null});
      Method initialize = type.getDeclaredMethod("initialize", String.class);
      initialize.setAccessible(true);
      initialize.invoke(parsed, sql);
      Method count = type.getDeclaredMethod("getParameterCount");
      count.setAccessible(true);
      Method list = type.getDeclaredMethod("getParameterList");
      list.setAccessible(true);
      int n = (Integer) count.invoke(parsed);
      String[] names = (String[]) list.invoke(parsed);
      // Texts with '?' placeholders have a count but no names: null stands for each.
      return Arrays.asList(Arrays.copyOf(names, n));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("ojdbc's OracleSql could not be called: " + e, e);
    }
  }

  /** What a {@link #statement} was given. */
  static final class Binds {
    final String sql;
    final List<String> parameters;
    /** The 1-based positions that have a value in the current row. */
    final TreeSet<Integer> bound = new TreeSet<>();
    /** The values bound by position, per row added with {@code addBatch} and then the current one. */
    final List<Object[]> rows = new ArrayList<>();
    Object[] current;

    Binds(String sql) {
      this.sql = sql;
      this.parameters = parameters(sql);
      this.current = new Object[parameters.size()];
    }

    /** @return the positions (1-based) ojdbc would report missing in the current row */
    List<Integer> missing() {
      List<Integer> missing = new ArrayList<>();
      for (int i = 1; i <= parameters.size(); i++) {
        if (!bound.contains(i)) {
          missing.add(i);
        }
      }
      return missing;
    }

    private void set(int position, Object value) {
      if (position < 1 || position > parameters.size()) {
        // ojdbc: ORA-17003 "Invalid column index".
        throw new IllegalArgumentException("invalid column index " + position + " for " + parameters);
      }
      bound.add(position);
      current[position - 1] = value;
    }

    private void setAtName(String name, Object value) {
      boolean found = false;
      for (int i = 0; i < parameters.size(); i++) {
        if (name.equals(parameters.get(i))) {
          set(i + 1, value);
          found = true;
        }
      }
      if (!found) {
        // ojdbc: error 147, no parameter of that name.
        throw new IllegalArgumentException("no parameter named " + name + " in " + parameters);
      }
    }
  }

  /**
   * A prepared statement that binds as ojdbc's does and executes nothing: {@code execute*}
   * complete at once (the asynchronous ones with an empty publisher).
   *
   * @param sql the text
   * @param into receives the statement's {@link Binds}
   * @return the statement
   */
  static oracle.jdbc.OraclePreparedStatement statement(String sql, List<Binds> into) {
    Binds binds = new Binds(sql);
    into.add(binds);
    InvocationHandler handler = (proxy, method, args) -> {
      String name = method.getName();
      if (name.equals("unwrap")) {
        return proxy;
      }
      if (name.equals("isWrapperFor")) {
        return true;
      }
      if (name.endsWith("AtName") && name.startsWith("set")) {
        binds.setAtName((String) args[0], name.equals("setNullAtName") ? null : args[1]);
        return null;
      }
      if (name.startsWith("set") && args != null && args.length >= 2 && method.getParameterTypes()[0] == int.class
          && !name.equals("setFetchSize") && !name.equals("setMaxRows") && !name.equals("setQueryTimeout")) {
        binds.set((Integer) args[0], name.equals("setNull") ? null : args[1]);
        return null;
      }
      if (name.equals("addBatch")) {
        binds.rows.add(binds.current.clone());
        return null;
      }
      if (name.endsWith("AsyncOracle")) {
        return (Flow.Publisher<Object>) subscriber -> {
          subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
          });
          subscriber.onComplete();
        };
      }
      Class<?> returns = method.getReturnType();
      if (returns == boolean.class) {
        return false;
      }
      if (returns == int.class) {
        return 0;
      }
      if (returns == long.class) {
        return 0L;
      }
      if (returns == CompletableFuture.class) {
        return CompletableFuture.completedFuture(null);
      }
      return null;
    };
    return (oracle.jdbc.OraclePreparedStatement) Proxy.newProxyInstance(OjdbcParser.class.getClassLoader(),
        new Class<?>[] {oracle.jdbc.OraclePreparedStatement.class}, handler);
  }
}
