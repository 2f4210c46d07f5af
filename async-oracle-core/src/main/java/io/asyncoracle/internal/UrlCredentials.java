package io.asyncoracle.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDBC URL with the user and password it carried taken out, so that only the clean URL reaches
 * UCP and the driver. UCP logs its URL with its pool properties at FINE and finer, but masks a
 * password given to {@code setPassword} (and any connection property whose name contains
 * "password"), as ojdbc does in its own logs.
 *
 * <p>Handled: H2's {@code ;USER=} and {@code ;PASSWORD=} settings, and the inline
 * {@code user/password@} of Oracle URLs ({@code jdbc:oracle:thin:scott/tiger@db/orcl}, which is
 * also what a DSN with credentials becomes in {@link Dsn#toJdbcUrl}). Each part follows the
 * grammar its driver parses, so a URL means the same after the split; a URL the driver would
 * reject is left as it is. Other drivers' URLs are left as they are.
 *
 * <p>Explicit options win, user and password each on its own, as ojdbc already decides it:
 * a {@code user} or {@code password} connection property is taken before the URL's (H2 used to
 * refuse the two when they differed, "Duplicate property").
 *
 * @param url the URL without credentials
 * @param user the user the URL carried, or {@code null}
 * @param password the password the URL carried, or {@code null}
 */
record UrlCredentials(String url, String user, String password) {

  /**
   * Inline credentials as ojdbc's own URL pattern reads them: a user of word characters,
   * {@code []$#} or a quoted name, a password of its wider character set or quoted, then
   * {@code @}. Quotes are kept: the driver gets the same text either way.
   */
  private static final Pattern ORACLE_INLINE = Pattern.compile(
      "(?i)(jdbc:oracle:(?:thin|oci8?|kprb|sharding):)(?-i)"
          + "([\\w\\[\\]$#]*|\"[^\\x00\"]+\")/([\\w$#+%^&*~=;:<>\\[\\]()!\\p{L}]*|\"[^\\x00\"]+\")@",
      Pattern.DOTALL);

  /**
   * Takes the credentials out of a URL.
   *
   * @param jdbcUrl the JDBC URL
   * @return the clean URL and what it carried
   */
  static UrlCredentials split(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return splitH2(jdbcUrl);
    }
    Matcher m = ORACLE_INLINE.matcher(jdbcUrl);
    if (m.lookingAt() && !(m.group(2).isEmpty() && m.group(3).isEmpty())) {
      // "/@" (external authentication with a wallet) carries nothing: it stays as written.
      return new UrlCredentials(m.group(1) + "@" + jdbcUrl.substring(m.end()),
          m.group(2).isEmpty() ? null : m.group(2), m.group(3).isEmpty() ? null : m.group(3));
    }
    return new UrlCredentials(jdbcUrl, null, null);
  }

  /**
   * H2 reads settings after the first {@code ;}, split on {@code ;} unless escaped with a
   * backslash, keys in any case; values are unescaped. The other settings are copied as written.
   */
  private static UrlCredentials splitH2(String jdbcUrl) {
    int first = jdbcUrl.indexOf(';');
    if (first < 0) {
      return new UrlCredentials(jdbcUrl, null, null);
    }
    StringBuilder clean = new StringBuilder(jdbcUrl.length()).append(jdbcUrl, 0, first);
    String user = null;
    String password = null;
    int start = first + 1;
    for (int i = start; i <= jdbcUrl.length(); i++) {
      if (i + 1 < jdbcUrl.length() && jdbcUrl.charAt(i) == '\\') {
        i++;
        continue;
      }
      if (i < jdbcUrl.length() && jdbcUrl.charAt(i) != ';') {
        continue;
      }
      String setting = jdbcUrl.substring(start, Math.min(i, jdbcUrl.length()));
      start = i + 1;
      int equals = setting.indexOf('=');
      String key = equals < 0 ? "" : setting.substring(0, equals).toUpperCase(Locale.ROOT);
      if (key.equals("USER")) {
        user = unescape(setting.substring(equals + 1));
      } else if (key.equals("PASSWORD")) {
        password = unescape(setting.substring(equals + 1));
      } else {
        clean.append(';').append(setting);
      }
    }
    return new UrlCredentials(clean.toString(), user, password);
  }

  private static String unescape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        c = value.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Returns the user to connect as.
   *
   * @param explicit the user option, or {@code null}
   * @return the option if set, else the URL's user, or {@code null}
   */
  String userOr(String explicit) {
    return explicit != null ? explicit : user;
  }

  /**
   * Returns the password to connect with.
   *
   * @param explicit the password option, or {@code null}
   * @return the option if set, else the URL's password, or {@code null}
   */
  String passwordOr(String explicit) {
    return explicit != null ? explicit : password;
  }

  /** Never shows the password: records print every component otherwise. */
  @Override
  public String toString() {
    return "UrlCredentials[url=" + url + ", user=" + user + ", password="
        + (password == null ? "<none>" : "<hidden>") + "]";
  }
}
