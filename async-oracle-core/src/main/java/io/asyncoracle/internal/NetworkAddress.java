package io.asyncoracle.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a connection's URL says it connects: python-oracledb's {@code host}, {@code port},
 * {@code protocol} and {@code service_name} connection attributes, read from the JDBC URL without a
 * round trip.
 *
 * <p>Oracle URLs: Easy Connect ({@code host[:port][/service]}, with an optional {@code //} or
 * {@code tcp://}/{@code tcps://} prefix; port 1521 when absent), the older {@code host:port:SID}
 * form (the SID is the service name), and connect descriptors (the first {@code ADDRESS}'s
 * {@code PROTOCOL}, {@code HOST} and {@code PORT}, and {@code SERVICE_NAME} or {@code SID}). A TNS
 * alias names nothing here: every value is unknown. H2 URLs: {@code jdbc:h2:tcp://host:port/db}
 * and {@code ssl://} give the host, port (9092 when absent) and protocol; embedded databases have
 * no host or port, their protocol is {@code mem} or {@code file}. The service name of an H2
 * connection is its database name as the URL gives it ({@code mem:orders}, {@code ~/data/orders}).
 *
 * @param host the host, or {@code null} when the URL names none
 * @param port the port, or 0 when the URL names none
 * @param protocol the protocol in lower case ({@code tcp}, {@code tcps}, {@code mem}...), or {@code null}
 * @param serviceName the service name (SID for the older form), or {@code null}
 */
record NetworkAddress(String host, int port, String protocol, String serviceName) {

  static final NetworkAddress UNKNOWN = new NetworkAddress(null, 0, null, null);

  private static final int ORACLE_DEFAULT_PORT = 1521;
  private static final int H2_DEFAULT_PORT = 9092;
  private static final Pattern EASY_CONNECT = Pattern.compile(
      "(?i)(?:(tcps?)://|//)?(\\[[^\\]]+\\]|[^:/?\\s]+)(?::(\\d+))?(?:/([^:/?\\s]+))?(?::[^?\\s]*)?(?:\\?.*)?");
  private static final Pattern HOST_PORT_SID = Pattern.compile("([^:/@\\s]+):(\\d+):([^:/?\\s]+)");
  private static final Pattern H2_SERVER = Pattern.compile("(?i)(tcp|ssl)://([^:/]+)(?::(\\d+))?/(.*)");

  /**
   * Reads a JDBC URL (credentials already removed or not: they are skipped).
   *
   * @param url the URL, possibly {@code null}
   * @return what it names; {@link #UNKNOWN} for URLs it cannot read
   */
  static NetworkAddress of(String url) {
    if (url == null) {
      return UNKNOWN;
    }
    if (url.startsWith("jdbc:oracle:")) {
      int at = url.lastIndexOf('@');
      return at < 0 ? UNKNOWN : oracle(url.substring(at + 1).trim());
    }
    if (url.startsWith("jdbc:h2:")) {
      return h2(url.substring("jdbc:h2:".length()));
    }
    return UNKNOWN;
  }

  private static NetworkAddress oracle(String target) {
    if (target.startsWith("(")) {
      return descriptor(target);
    }
    Matcher old = HOST_PORT_SID.matcher(target);
    if (old.matches()) {
      return new NetworkAddress(old.group(1), Integer.parseInt(old.group(2)), "tcp", old.group(3));
    }
    Matcher easy = EASY_CONNECT.matcher(target);
    if (!easy.matches()) {
      return UNKNOWN;
    }
    boolean easyConnect = easy.group(1) != null || target.startsWith("//") || easy.group(3) != null
        || easy.group(4) != null;
    if (!easyConnect) {
      // A bare word is a TNS alias: tnsnames.ora, not the URL, says where it goes.
      return UNKNOWN;
    }
    String protocol = easy.group(1) == null ? "tcp" : easy.group(1).toLowerCase(Locale.ROOT);
    int port = easy.group(3) == null ? ORACLE_DEFAULT_PORT : Integer.parseInt(easy.group(3));
    return new NetworkAddress(easy.group(2), port, protocol, easy.group(4));
  }

  private static NetworkAddress descriptor(String descriptor) {
    String protocol = value(descriptor, "PROTOCOL");
    String port = value(descriptor, "PORT");
    String service = value(descriptor, "SERVICE_NAME");
    return new NetworkAddress(value(descriptor, "HOST"), port == null ? 0 : parsePort(port),
        protocol == null ? null : protocol.toLowerCase(Locale.ROOT), service != null ? service : value(descriptor, "SID"));
  }

  /** The first {@code (KEY=value)} of a descriptor, keys ignoring case and spaces around. */
  private static String value(String descriptor, String key) {
    Matcher m = Pattern.compile("(?i)\\(\\s*" + key + "\\s*=\\s*([^)]*?)\\s*\\)").matcher(descriptor);
    return m.find() ? m.group(1) : null;
  }

  private static int parsePort(String port) {
    try {
      return Integer.parseInt(port);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static NetworkAddress h2(String rest) {
    int settings = rest.indexOf(';');
    String database = settings < 0 ? rest : rest.substring(0, settings);
    Matcher server = H2_SERVER.matcher(database);
    if (server.matches()) {
      int port = server.group(3) == null ? H2_DEFAULT_PORT : Integer.parseInt(server.group(3));
      return new NetworkAddress(server.group(2), port, server.group(1).toLowerCase(Locale.ROOT), server.group(4));
    }
    String protocol = database.regionMatches(true, 0, "mem:", 0, 4) ? "mem" : "file";
    return new NetworkAddress(null, 0, protocol, database);
  }
}
