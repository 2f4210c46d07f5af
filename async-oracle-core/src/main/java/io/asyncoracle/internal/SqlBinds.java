package io.asyncoracle.internal;

import io.asyncoracle.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bind placeholders of one SQL text, as Oracle reads them: {@code ?} (JDBC), {@code :name},
 * {@code :"Quoted Name"} and {@code :1}. Worked out once per text and cached by {@link SqlText}.
 *
 * <p>The rules are python-oracledb's: nothing inside string literals ({@code '...'}, {@code q'[...]'}),
 * quoted identifiers, {@code --} and {@code /* *}{@code /} comments is a placeholder; a colon right
 * after a string literal is JSON syntax ({@code json_object('a' : x)}); {@code ::} (a cast on other
 * databases) and {@code :=} (PL/SQL assignment) are left alone; unquoted names are case-insensitive
 * (kept upper-case), quoted ones exact; whitespace may follow the colon. DDL has no binds (a trigger
 * body's {@code :new} is not one). In SQL every occurrence of a name is a bind position; in PL/SQL
 * ({@code BEGIN}, {@code DECLARE}, {@code CALL}) each distinct name is one value, as in
 * python-oracledb, while ojdbc still wants one bind per occurrence (its parser gives
 * {@code begin p(:a, :b, :a); end;} three parameters): {@link #occurrenceSources()} maps one to the other.
 */
final class SqlBinds {

  /** A statement without {@code :name} placeholders. */
  static final SqlBinds NONE = new SqlBinds(null, 0, false, List.of(), List.of(), null);

  /** The first keyword, upper case ({@code SELECT}, {@code INSERT}, {@code BEGIN}...), or {@code null}. */
  final String keyword;

  /** How many {@code ?} placeholders the text has. */
  final int questionMarks;
  /** Whether the text is a PL/SQL block or CALL. */
  final boolean plsql;
  /** The name (normalised) of each {@code :name} occurrence, in order. */
  final List<String> names;
  /** Each occurrence's name as written, without the colon (ojdbc's own parameter names). */
  final List<String> spellings;
  /** The distinct names, in order of first appearance. */
  final List<String> unique;
  /** The text with every {@code :name} occurrence replaced by {@code ?}, for drivers without named binds. */
  final String rewritten;

  private SqlBinds(String keyword, int questionMarks, boolean plsql, List<String> names, List<String> spellings, String rewritten) {
    this.keyword = keyword;
    this.questionMarks = questionMarks;
    this.plsql = plsql;
    this.names = names;
    this.spellings = spellings;
    this.unique = List.copyOf(new java.util.LinkedHashSet<>(names));
    this.rewritten = rewritten;
  }

  /**
   * Whether a placeholder is a quoted name ({@code :"Quoted Name"}). ojdbc's parser
   * ({@code oracle.jdbc.driver.OracleSql}) does not take those for binds at all: it counts 0
   * parameters in {@code select :"X" from dual}, so such a text must reach ojdbc rewritten.
   */
  boolean hasQuotedNames() {
    for (String written : spellings) {
      if (written.charAt(0) == '"') {
        return true;
      }
    }
    return false;
  }

  /**
   * For each JDBC position of the text as written (every occurrence, as ojdbc counts them), the
   * index of its value among the positional values the application gives ({@link #positionalCount()}).
   */
  int[] occurrenceSources() {
    int[] sources = new int[names.size()];
    for (int i = 0; i < sources.length; i++) {
      sources[i] = plsql ? unique.indexOf(names.get(i)) : i;
    }
    return sources;
  }

  /** Whether the text uses {@code :name} or {@code :1} placeholders. */
  boolean named() {
    return !names.isEmpty();
  }

  /** How many values a positional bind needs: {@code ?}s, else occurrences (SQL) or distinct names (PL/SQL). */
  int positionalCount() {
    if (names.isEmpty()) {
      return questionMarks;
    }
    return plsql ? unique.size() : names.size();
  }

  /**
   * The value of each JDBC {@code ?} of {@link #rewritten} for positional values given for the
   * {@code :name} placeholders.
   */
  Object[] positionalToRewritten(Object[] values) {
    if (!plsql) {
      return values;
    }
    Object[] out = new Object[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[unique.indexOf(names.get(i))];
    }
    return out;
  }

  /**
   * Looks up the value of every distinct name in a map of named values.
   *
   * @param params the values by name (unquoted names match ignoring case)
   * @return the values, in the order of {@link #unique}
   * @throws InvalidArgumentException naming a placeholder without a value, or a value without a placeholder
   */
  Object[] valuesByName(Map<String, ?> params) {
    Object[] values = new Object[unique.size()];
    boolean[] given = new boolean[values.length];
    for (Map.Entry<String, ?> e : params.entrySet()) {
      String key = e.getKey();
      if (key == null) {
        throw new InvalidArgumentException("params", "a bind name must not be null");
      }
      int index = indexOfKey(key);
      if (index < 0) {
        throw new InvalidArgumentException("params", "no bind placeholder named :" + key
            + " was found in the SQL text (its placeholders: " + unique + ")");
      }
      values[index] = e.getValue();
      given[index] = true;
    }
    for (int i = 0; i < given.length; i++) {
      if (!given[i]) {
        throw new InvalidArgumentException("params", "no value was given for the bind placeholder :" + unique.get(i));
      }
    }
    return values;
  }

  /** Which distinct name a map key means: itself (a quoted name), its upper case (an unquoted one), or {@code -1}. */
  private int indexOfKey(String key) {
    int exact = unique.indexOf(key);
    if (exact >= 0) {
      return exact;
    }
    return unique.indexOf(normalise(key));
  }

  /** The value of each {@code ?} of {@link #rewritten}, given the values of {@link #unique}. */
  Object[] uniqueToRewritten(Object[] uniqueValues) {
    Object[] out = new Object[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = uniqueValues[unique.indexOf(names.get(i))];
    }
    return out;
  }

  /** Unquoted names are case-insensitive: a key {@code "id"} or {@code "ID"} matches {@code :id}; {@code "\"Id\""} only {@code :"Id"}. */
  static String normalise(String key) {
    if (key.length() > 1 && key.charAt(0) == '"' && key.charAt(key.length() - 1) == '"') {
      return key.substring(1, key.length() - 1);
    }
    if (!key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
      return key;
    }
    return key.startsWith(":") ? normalise(key.substring(1)) : key.toUpperCase(Locale.ROOT);
  }

  // ---- the lexer ----------------------------------------------------------------------------

  static SqlBinds parse(String sql) {
    int n = sql.length();
    int questionMarks = 0;
    List<String> names = null;
    List<String> spellings = null;
    StringBuilder rewritten = null;
    int copiedUpTo = 0;
    String firstKeyword = null;
    boolean lastWasString = false;
    for (int i = 0; i < n; i++) {
      char c = sql.charAt(i);
      if (firstKeyword == null && Character.isLetter(c)) {
        int end = i;
        while (end < n && Character.isLetter(sql.charAt(end))) {
          end++;
        }
        boolean qString = end == i + 1 && (c == 'q' || c == 'Q' || c == 'n' || c == 'N') && end < n && sql.charAt(end) == '\'';
        if (!qString) {
          firstKeyword = sql.substring(i, end).toUpperCase(Locale.ROOT);
          if (isDdl(firstKeyword)) {
            // Trigger bodies and the like: their colons are not binds. '?' is still counted, as before.
            return new SqlBinds(firstKeyword, countQuestionMarks(sql, end), false, List.of(), List.of(), null);
          }
          i = end - 1;
          lastWasString = false;
          continue;
        }
      }
      if ((c == 'q' || c == 'Q') && i + 2 < n && sql.charAt(i + 1) == '\'' && !identifierBefore(sql, i)) {
        i = skipQString(sql, i + 2);
        lastWasString = true;
        continue;
      }
      if ((c == 'n' || c == 'N') && i + 1 < n && sql.charAt(i + 1) == '\'' && !identifierBefore(sql, i)) {
        continue; // N'...': the quote comes next
      }
      if (c == '\'') {
        i = skipQuoted(sql, i, '\'');
        lastWasString = true;
        continue;
      }
      if (Character.isWhitespace(c)) {
        continue;
      }
      if (c == '"') {
        i = skipQuoted(sql, i, '"');
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
      } else if (c == '?') {
        questionMarks++;
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        i++; // '::' is a cast elsewhere (and not a bind in Oracle either)
      } else if (c == ':' && !lastWasString) {
        int[] span = bindName(sql, i + 1);
        if (span != null) {
          if (names == null) {
            names = new ArrayList<>();
            spellings = new ArrayList<>();
            rewritten = new StringBuilder(n);
          }
          String written = sql.substring(span[0], span[1]);
          spellings.add(written);
          names.add(written.charAt(0) == '"' ? written.substring(1, written.length() - 1) : normalise(written));
          rewritten.append(sql, copiedUpTo, i).append('?');
          copiedUpTo = span[1];
          i = span[1] - 1;
        }
      }
      lastWasString = false;
    }
    if (names == null) {
      return new SqlBinds(firstKeyword, questionMarks, false, List.of(), List.of(), null);
    }
    rewritten.append(sql, copiedUpTo, n);
    boolean plsql = "BEGIN".equals(firstKeyword) || "DECLARE".equals(firstKeyword) || "CALL".equals(firstKeyword);
    return new SqlBinds(firstKeyword, questionMarks, plsql, List.copyOf(names), List.copyOf(spellings), rewritten.toString());
  }

  private static boolean isDdl(String keyword) {
    return switch (keyword) {
      case "CREATE", "ALTER", "DROP", "GRANT", "REVOKE", "ANALYZE", "AUDIT", "COMMENT", "TRUNCATE" -> true;
      default -> false;
    };
  }

  /** Whether the character before {@code i} continues an identifier (so {@code q'} there is not a q-quote). */
  private static boolean identifierBefore(String sql, int i) {
    if (i == 0) {
      return false;
    }
    char before = sql.charAt(i - 1);
    return Character.isLetterOrDigit(before) || before == '_' || before == '$' || before == '#';
  }

  /**
   * The span of the bind name after a colon at {@code from - 1}: whitespace, then a quoted name, a
   * number, or a letter followed by letters, digits, {@code _ $ #}. {@code null} if none follows.
   */
  private static int[] bindName(String sql, int from) {
    int n = sql.length();
    int i = from;
    while (i < n && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    if (i >= n) {
      return null;
    }
    char c = sql.charAt(i);
    int start = i;
    if (c == '"') {
      int end = sql.indexOf('"', i + 1);
      return end < 0 || end == i + 1 ? null : new int[] {start, end + 1};
    }
    if (Character.isDigit(c)) {
      while (i < n && Character.isDigit(sql.charAt(i))) {
        i++;
      }
      return new int[] {start, i};
    }
    if (!Character.isLetter(c)) {
      return null;
    }
    while (i < n) {
      char ch = sql.charAt(i);
      if (!Character.isLetterOrDigit(ch) && ch != '_' && ch != '$' && ch != '#') {
        break;
      }
      i++;
    }
    return new int[] {start, i};
  }

  /** Skips {@code q'<open>...<close>'} from its opening delimiter; returns the index of the final quote. */
  private static int skipQString(String sql, int open) {
    char o = sql.charAt(open);
    char close = switch (o) {
      case '[' -> ']';
      case '{' -> '}';
      case '(' -> ')';
      case '<' -> '>';
      default -> o;
    };
    int end = sql.indexOf(close + "'", open + 1);
    return end < 0 ? sql.length() : end + 1;
  }

  /** The index of the quote closing the one at {@code start} (a doubled quote is part of the text), or the end. */
  static int skipQuoted(String sql, int start, char quote) {
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

  /** The {@code ?} count of the rest of a text, skipping literals, identifiers and comments. */
  private static int countQuestionMarks(String sql, int from) {
    int count = 0;
    int n = sql.length();
    for (int i = from; i < n; i++) {
      char c = sql.charAt(i);
      if ((c == 'q' || c == 'Q') && i + 2 < n && sql.charAt(i + 1) == '\'' && !identifierBefore(sql, i)) {
        i = skipQString(sql, i + 2);
      } else if (c == '\'' || c == '"') {
        i = skipQuoted(sql, i, c);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
      } else if (c == '?') {
        count++;
      }
    }
    return count;
  }
}
