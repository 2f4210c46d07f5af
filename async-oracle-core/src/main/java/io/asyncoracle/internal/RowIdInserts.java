package io.asyncoracle.internal;

import java.util.Locale;

/**
 * Which INSERTs a cursor may prepare with {@code RETURN_GENERATED_KEYS} to learn the new row's
 * ROWID ({@code lastRowId()}). ojdbc's generated-keys rewriter ({@code oracle.jdbc.driver.AutoKeyInfo})
 * appends {@code RETURNING ROWID INTO ?} to any INSERT without looking at it, so an
 * {@code INSERT ... SELECT}, an {@code INSERT ALL}/{@code FIRST}, a multi-row {@code VALUES} or an
 * INSERT that already has a RETURNING clause would fail (ORA-00933 and the like). Only the one shape
 * where the clause is valid qualifies: {@code INSERT INTO target [(columns)] VALUES (...)}, one row,
 * no RETURNING, no database link.
 */
final class RowIdInserts {

  private RowIdInserts() {
  }

  /**
   * Whether a statement is a single-row {@code INSERT ... VALUES} to which a RETURNING clause can be added.
   *
   * @param sql the statement
   * @return {@code true} for {@code INSERT INTO t [(cols)] VALUES (...)} and nothing after it
   */
  static boolean singleRowValues(String sql) {
    Scanner words = new Scanner(sql);
    if (!"INSERT".equals(words.next()) || !"INTO".equals(words.next())) {
      return false;
    }
    boolean valuesSeen = false;
    boolean rowSeen = false;
    String word;
    while ((word = words.next()) != null) {
      if (word.equals("(")) {
        if (words.depth == 1) {
          if (rowSeen) {
            return false; // a second row
          }
          rowSeen = valuesSeen;
        }
        continue;
      }
      if (word.equals(")") || words.depth > 0) {
        continue; // inside the column list, the row or a subquery
      }
      if (rowSeen) {
        // Anything after the row: a RETURNING clause, LOG ERRORS...
        return false;
      }
      switch (word) {
        case "VALUES" -> valuesSeen = true;
        case "@", "SELECT", "WITH", "RETURNING", "RETURN" -> {
          return false;
        }
        default -> {
          if (valuesSeen) {
            // VALUES followed by something other than a parenthesised row (a PL/SQL record).
            return false;
          }
        }
      }
    }
    return rowSeen;
  }

  /**
   * The words and parentheses of a text outside literals, quoted identifiers and comments, upper
   * case; {@link #depth} is the parenthesis depth after the last one returned.
   */
  private static final class Scanner {
    private final String sql;
    private int at;
    int depth;

    Scanner(String sql) {
      this.sql = sql;
    }

    String next() {
      int n = sql.length();
      while (at < n) {
        char c = sql.charAt(at);
        if (Character.isWhitespace(c) || c == ',') {
          at++;
        } else if (c == '-' && at + 1 < n && sql.charAt(at + 1) == '-') {
          int end = sql.indexOf('\n', at);
          at = end < 0 ? n : end + 1;
        } else if (c == '/' && at + 1 < n && sql.charAt(at + 1) == '*') {
          int end = sql.indexOf("*/", at + 2);
          at = end < 0 ? n : end + 2;
        } else if (c == '\'' || c == '"') {
          at = SqlBinds.skipQuoted(sql, at, c) + 1;
          return "literal";
        } else if (c == '(') {
          at++;
          depth++;
          return "(";
        } else if (c == ')') {
          at++;
          depth--;
          return ")";
        } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '#' || c == ':') {
          int start = at;
          while (at < n && (Character.isLetterOrDigit(sql.charAt(at)) || "_$#:.".indexOf(sql.charAt(at)) >= 0)) {
            at++;
          }
          if (at < n && sql.charAt(at) == '\'' && at - start == 1 && "qQnN".indexOf(sql.charAt(start)) >= 0) {
            // q'[...]' or N'...': a literal.
            return literal(sql.charAt(start));
          }
          return sql.substring(start, at).toUpperCase(Locale.ROOT);
        } else {
          at++;
          return String.valueOf(c);
        }
      }
      return null;
    }

    private String literal(char prefix) {
      if (prefix == 'q' || prefix == 'Q') {
        char open = at + 1 < sql.length() ? sql.charAt(at + 1) : '\'';
        char close = switch (open) {
          case '[' -> ']';
          case '{' -> '}';
          case '(' -> ')';
          case '<' -> '>';
          default -> open;
        };
        int end = sql.indexOf(close + "'", at + 2);
        at = end < 0 ? sql.length() : end + 2;
      } else {
        at = SqlBinds.skipQuoted(sql, at, '\'') + 1;
      }
      return "literal";
    }
  }
}
