package io.asyncoracle.boot.autoconfigure;

import java.util.Map;

/** Maps the option names the core reports ({@code InvalidArgumentException.argument()}) to property names. */
final class ConfigurationPropertyNames {

  private static final Map<String, String> SPECIAL = Map.of(
      "user", "username",
      "stmtCacheSize", "statement-cache-size",
      "connectionProperty", "connection-properties",
      "dsn", "url",
      "options", "url",
      "aliveBypass", "ping-interval");

  private ConfigurationPropertyNames() {
  }

  /**
   * Returns the {@code async-oracle.*} property for a core option.
   *
   * @param argument the core's option name, e.g. {@code serviceName}
   * @return the property, e.g. {@code async-oracle.service-name}
   */
  static String forArgument(String argument) {
    if (argument == null || argument.isBlank()) {
      return AsyncOracleProperties.PREFIX;
    }
    String name = SPECIAL.getOrDefault(argument, argument);
    StringBuilder kebab = new StringBuilder(AsyncOracleProperties.PREFIX).append('.');
    for (char c : name.toCharArray()) {
      if (Character.isUpperCase(c)) {
        kebab.append('-').append(Character.toLowerCase(c));
      } else {
        kebab.append(c);
      }
    }
    return kebab.toString();
  }
}
