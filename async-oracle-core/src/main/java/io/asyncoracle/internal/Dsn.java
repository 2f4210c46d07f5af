package io.asyncoracle.internal;

import io.asyncoracle.InvalidArgumentException;
import java.util.regex.Pattern;

/** Builds connect descriptors and JDBC URLs, and strips passwords from URLs before they are shown. */
public final class Dsn {

  private static final String ORACLE_THIN = "jdbc:oracle:thin:@";
  private static final Pattern INLINE_DSN_CREDENTIALS = Pattern.compile("[^/@()\\s]+/[^@()]*@");
  private static final Pattern DESCRIPTOR_SPECIALS = Pattern.compile("[()=\\s]");
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)((?:password|pwd)\\s*=)[^;&)]*");
  /**
   * {@code user/password@} at the start of a DSN or after a {@code :} or {@code @}, as in
   * {@code scott/tiger@db/orcl}, {@code jdbc:oracle:thin:scott/tiger@…} and the
   * {@code jdbc:oracle:thin:@scott/tiger@…} a DSN with credentials turns into.
   */
  private static final Pattern INLINE_CREDENTIALS = Pattern.compile("(^|[:@])([^/@:;()=\\s]+)/(?:\"[^\"]*\"|[^@\\s]*)@");
  /** {@code //user:password@host} in URLs of other drivers. */
  private static final Pattern AUTHORITY_CREDENTIALS = Pattern.compile("(//[^/:@\\s]+):[^@/\\s]*@");

  private Dsn() {
  }

  /**
   * Builds {@code (DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=p))(CONNECT_DATA=(KEY=value)))}.
   *
   * @param host the host
   * @param port the port
   * @param key {@code SERVICE_NAME} or {@code SID}
   * @param argument the argument name for errors
   * @param value the service name or SID
   * @return the descriptor
   */
  public static String make(String host, int port, String key, String argument, String value) {
    if (host == null || host.isBlank()) {
      throw new InvalidArgumentException("host", "host must not be blank");
    }
    if (DESCRIPTOR_SPECIALS.matcher(host).find()) {
      throw new InvalidArgumentException("host", "host must not contain spaces, '(', ')' or '='");
    }
    if (port < 1 || port > 65535) {
      throw new InvalidArgumentException("port", "port must be between 1 and 65535, got " + port);
    }
    if (value == null || value.isBlank()) {
      throw new InvalidArgumentException(argument, argument + " must not be blank");
    }
    if (DESCRIPTOR_SPECIALS.matcher(value).find()) {
      throw new InvalidArgumentException(argument, argument + " must not contain spaces, '(', ')' or '='");
    }
    return "(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=" + host + ")(PORT=" + port + "))(CONNECT_DATA=("
        + key + "=" + value + ")))";
  }

  /**
   * Turns a DSN into a JDBC URL: JDBC URLs are kept, anything else is given to the Oracle thin driver.
   *
   * @param dsn a descriptor, Easy Connect string, TNS alias or JDBC URL
   * @return the JDBC URL
   */
  public static String toJdbcUrl(String dsn) {
    if (dsn == null || dsn.isBlank()) {
      throw new InvalidArgumentException("dsn", "dsn must not be blank");
    }
    String trimmed = dsn.trim();
    if (trimmed.startsWith("jdbc:")) {
      return trimmed;
    }
    // "user/password@host/service": the thin driver wants the credentials before its '@'.
    return INLINE_DSN_CREDENTIALS.matcher(trimmed).lookingAt()
        ? "jdbc:oracle:thin:" + trimmed
        : ORACLE_THIN + trimmed;
  }

  /**
   * Whether a URL is for Oracle's driver.
   *
   * @param url the JDBC URL
   * @return {@code true} for {@code jdbc:oracle:}
   */
  public static boolean isOracle(String url) {
    return url != null && url.startsWith("jdbc:oracle:");
  }

  /**
   * Removes passwords from a URL: {@code user/password@} and {@code password=...} parameters.
   *
   * @param url the URL, possibly {@code null}
   * @return the URL safe to log
   */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    String out = INLINE_CREDENTIALS.matcher(url).replaceAll("$1$2/***@");
    out = AUTHORITY_CREDENTIALS.matcher(out).replaceAll("$1:***@");
    return PASSWORD_PARAM.matcher(out).replaceAll("$1***");
  }
}
