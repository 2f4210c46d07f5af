package io.asyncoracle.internal;

import io.asyncoracle.CallObserver;
import io.asyncoracle.DatabaseCall;
import io.asyncoracle.ObservedCall;
import io.asyncoracle.PoolOptions;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pool's {@link CallObserver} with the facts every observed call shares (pool, database system,
 * namespace, server), worked out once from the options. Exists only when an observer is set:
 * without one the pool holds {@code null} and makes no observation work at all.
 */
final class CallTarget {

  private static final System.Logger LOG = System.getLogger(CallTarget.class.getName());

  /** {@code (HOST=h)}, {@code (PORT=p)}, {@code (SERVICE_NAME=s)}, {@code (SID=s)} in a descriptor. */
  private static final Pattern DESCRIPTOR_HOST = Pattern.compile("(?i)\\(\\s*HOST\\s*=\\s*([^)\\s]+)\\s*\\)");
  private static final Pattern DESCRIPTOR_PORT = Pattern.compile("(?i)\\(\\s*PORT\\s*=\\s*(\\d+)\\s*\\)");
  private static final Pattern DESCRIPTOR_SERVICE =
      Pattern.compile("(?i)\\(\\s*(?:SERVICE_NAME|SID)\\s*=\\s*([^)\\s]+)\\s*\\)");
  /** Easy Connect: {@code [protocol://][//]host[:port][/service][:server][/instance][?params]}, or {@code host:port:sid}. */
  private static final Pattern EASY_CONNECT = Pattern.compile(
      "^(?:[a-zA-Z]+://)?(?://)?(\\[[^\\]]+\\]|[^:/?\\s]+)(?::(\\d+))?(?:[/:]([^:/?\\s]+))?.*$");
  /** {@code jdbc:h2:tcp://host[:port]/path} and {@code ssl://}. */
  private static final Pattern H2_SERVER = Pattern.compile("^(?:tcp|ssl)://([^:/]+)(?::(\\d+))?/(.*)$");

  final CallObserver observer;
  final String pool;
  final String system;
  final String namespace;
  final String address;
  final int port;

  private CallTarget(CallObserver observer, String pool, String system, String namespace, String address, int port) {
    this.observer = observer;
    this.pool = pool;
    this.system = system;
    this.namespace = namespace;
    this.address = address;
    this.port = port;
  }

  /**
   * The target of a pool's calls, or {@code null} when no observer is set.
   *
   * @param pool the pool name
   * @param options the options
   * @return the target, or {@code null}
   */
  static CallTarget of(String pool, PoolOptions options) {
    CallObserver observer = options.callObserver();
    if (observer == null) {
      return null;
    }
    if (options.url() == null && options.dsn() == null && options.host() != null) {
      return new CallTarget(observer, pool, "oracle", options.serviceName() != null ? options.serviceName()
          : options.sid(), options.host(), options.port());
    }
    return parse(observer, pool, options.jdbcUrl());
  }

  static CallTarget parse(CallObserver observer, String pool, String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:oracle:")) {
      int at = url.indexOf('@');
      String where = at < 0 ? "" : url.substring(at + 1).trim();
      if (where.startsWith("(")) {
        return new CallTarget(observer, pool, "oracle", group(DESCRIPTOR_SERVICE, where), group(DESCRIPTOR_HOST, where),
            portOf(group(DESCRIPTOR_PORT, where)));
      }
      Matcher m = EASY_CONNECT.matcher(where);
      if (!where.isEmpty() && m.matches()) {
        if (m.group(2) == null && m.group(3) == null) {
          // A bare name: a TNS alias, resolved by tnsnames.ora, not a host.
          return new CallTarget(observer, pool, "oracle", where, null, -1);
        }
        return new CallTarget(observer, pool, "oracle", m.group(3), m.group(1), portOf(m.group(2)));
      }
      return new CallTarget(observer, pool, "oracle", null, null, -1);
    }
    if (lower.startsWith("jdbc:h2:")) {
      String rest = url.substring("jdbc:h2:".length());
      int semicolon = rest.indexOf(';');
      String path = semicolon < 0 ? rest : rest.substring(0, semicolon);
      Matcher server = H2_SERVER.matcher(path);
      if (server.matches()) {
        return new CallTarget(observer, pool, "h2", lastSegment(server.group(3)), server.group(1),
            portOf(server.group(2)));
      }
      return new CallTarget(observer, pool, "h2", lastSegment(path), null, -1);
    }
    String[] parts = lower.split(":", 3);
    return new CallTarget(observer, pool, parts.length > 1 ? parts[1] : "other_sql", null, null, -1);
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static int portOf(String digits) {
    if (digits == null) {
      return -1;
    }
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code mem:orders} → {@code orders}; {@code ./data/orders} → {@code orders}. */
  private static String lastSegment(String path) {
    String p = path;
    if (p.startsWith("mem:")) {
      p = p.substring(4);
    } else if (p.startsWith("file:")) {
      p = p.substring(5);
    }
    int slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
    String name = slash < 0 ? p : p.substring(slash + 1);
    return name.isEmpty() ? null : name;
  }

  /**
   * Starts observing a call; on the caller's thread.
   *
   * @param operation one of the {@link DatabaseCall} operations
   * @param statement the SQL, or {@code null}
   * @param procedure the procedure name, or {@code null}
   * @return the observation, or {@code null} if the observer declined or failed
   */
  ObservedCall start(String operation, String statement, String procedure) {
    try {
      return observer.start(new DatabaseCall(pool, operation, statement, procedure, system, namespace, address, port));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> pool + " - call observer failed to start " + operation + ": " + e);
      return null;
    }
  }

  /** Ends an observation, never throwing. */
  static void stop(ObservedCall observed, long rows, Throwable error) {
    try {
      observed.stop(rows, error);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "call observer failed to stop a call: " + e);
    }
  }

  /** Opens a scope, never throwing: a failure leaves the call running unobserved on this thread. */
  static ObservedCall.Scope open(ObservedCall observed, boolean callerOnly) {
    try {
      ObservedCall.Scope scope = callerOnly ? observed.restoreCallerContext() : observed.openScope();
      return scope != null ? scope : ObservedCall.Scope.NOOP;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "call observer failed to open a scope: " + e);
      return ObservedCall.Scope.NOOP;
    }
  }

  /** Closes a scope, never throwing. */
  static void close(ObservedCall.Scope scope) {
    try {
      scope.close();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "call observer failed to close a scope: " + e);
    }
  }
}
