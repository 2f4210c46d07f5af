package io.asyncoracle.internal;

import io.asyncoracle.InvalidArgumentException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads just enough SQL to check arguments early: bind placeholders and names of stored code. */
final class SqlText {

  /** Returned by {@link #placeholders(String)} when the statement uses Oracle named binds. */
  static final int NAMED = -1;

  private static final String PART = "(?:\"[^\"]+\"|[A-Za-z][A-Za-z0-9_$#]*)";
  private static final Pattern QUALIFIED_NAME = Pattern.compile(PART + "(?:\\." + PART + "){0,2}(?:@" + PART + "(?:\\." + PART + ")*)?");
  private static final Pattern FOR_UPDATE = Pattern.compile("(?is).*\\bfor\\s+update\\b.*");

  private SqlText() {
  }

  /**
   * Counts the {@code ?} placeholders outside string literals, quoted identifiers and comments.
   *
   * @param sql the statement
   * @return the count, or {@link #NAMED} when the statement uses {@code :name} or {@code :1} binds
   */
  static int placeholders(String sql) {
    return facts(sql).placeholders;
  }

  /** What a statement's text tells, worked out once per text: applications run the same few statements over and over. */
  private record Facts(int placeholders, boolean locksRows) {
  }

  /** Bounded: dynamic SQL (values spliced into the text) must not grow it without end. */
  private static final int MAX_CACHED = 2048;
  private static final java.util.concurrent.ConcurrentHashMap<String, Facts> FACTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Facts facts(String sql) {
    Facts facts = FACTS.get(sql);
    if (facts == null) {
      facts = new Facts(countPlaceholders(sql), scanLocksRows(sql));
      if (FACTS.size() >= MAX_CACHED) {
        FACTS.clear();
      }
      FACTS.put(sql, facts);
    }
    return facts;
  }

  private static int countPlaceholders(String sql) {
    int count = 0;
    boolean named = false;
    int n = sql.length();
    for (int i = 0; i < n; i++) {
      char c = sql.charAt(i);
      if ((c == 'q' || c == 'Q') && i + 2 < n && sql.charAt(i + 1) == '\'') {
        // Oracle's alternative quoting q'[...]': skip to the matching closing delimiter + quote.
        char open = sql.charAt(i + 2);
        char close = switch (open) {
          case '[' -> ']';
          case '{' -> '}';
          case '(' -> ')';
          case '<' -> '>';
          default -> open;
        };
        int end = sql.indexOf(close + "'", i + 3);
        i = end < 0 ? n : end + 1;
      } else if (c == '\'') {
        i = skipQuoted(sql, i, '\'');
      } else if (c == '"') {
        i = skipQuoted(sql, i, '"');
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
      } else if (c == '?') {
        count++;
      } else if (c == ':' && i + 1 < n) {
        char next = sql.charAt(i + 1);
        if (Character.isLetterOrDigit(next) || next == '"') {
          named = true;
        }
      }
    }
    return named ? NAMED : count;
  }

  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return sql.length();
  }

  /**
   * Checks that a statement is given and that the number of parameters fits its placeholders.
   *
   * @param sql the statement
   * @param parameterCount the number of parameters given
   */
  static void checkStatement(String sql, int parameterCount) {
    if (sql == null) {
      throw new InvalidArgumentException("sql", "sql must not be null");
    }
    if (sql.isBlank()) {
      throw new InvalidArgumentException("sql", "sql must not be blank");
    }
    int expected = placeholders(sql);
    if (expected != NAMED && expected != parameterCount) {
      throw new InvalidArgumentException("params", "statement has " + expected + " bind placeholder"
          + (expected == 1 ? "" : "s") + " but " + parameterCount + " parameter"
          + (parameterCount == 1 ? " was" : "s were") + " given");
    }
  }

  /**
   * Checks the name of a stored function or procedure, so nothing but a name is spliced into the
   * call text.
   *
   * @param name the name
   * @return the name
   */
  static String requireProcedureName(String name) {
    if (name == null || !QUALIFIED_NAME.matcher(name).matches()) {
      throw new InvalidArgumentException("name", "'" + name + "' is not a valid procedure or function name"
          + " (expected name, package.name or schema.package.name)");
    }
    return name;
  }

  /**
   * Whether a query locks rows, and so opens a transaction.
   *
   * @param sql the query
   * @return {@code true} for {@code SELECT ... FOR UPDATE}
   */
  static boolean locksRows(String sql) {
    return facts(sql).locksRows;
  }

  private static boolean scanLocksRows(String sql) {
    return sql.toLowerCase(Locale.ROOT).contains("update") && FOR_UPDATE.matcher(sql).matches();
  }
}
