package io.asyncoracle.boot.support;

import java.util.regex.Pattern;

/** Removes credentials from JDBC URLs before they are shown in logs, errors or health details. */
public final class JdbcUrls {

  /** {@code jdbc:oracle:thin:scott/tiger@host...} */
  private static final Pattern INLINE_CREDENTIALS = Pattern.compile("(jdbc:oracle:[a-z]+:)[^@/]*/[^@]*@");
  /** {@code password=...} or {@code pwd=...} parameters, in any URL style ({@code ;}, {@code &}, descriptors). */
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)((?:password|pwd|oracle\\.net\\.wallet_password)\\s*=)[^;&)]*");

  private JdbcUrls() {
  }

  /**
   * Returns the URL without user/password pairs and password parameters.
   *
   * @param url a JDBC URL, possibly {@code null}
   * @return the URL safe to show, or {@code null}
   */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    String out = INLINE_CREDENTIALS.matcher(url).replaceAll("$1***@");
    return PASSWORD_PARAM.matcher(out).replaceAll("$1***");
  }
}
