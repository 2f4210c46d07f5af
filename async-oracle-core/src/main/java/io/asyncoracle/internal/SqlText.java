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
    SqlBinds binds = facts(sql).binds;
    return binds.named() ? NAMED : binds.questionMarks;
  }

  /**
   * The bind placeholders of a statement, parsed once per text.
   *
   * @param sql the statement, not {@code null}
   * @return its binds
   */
  static SqlBinds binds(String sql) {
    return facts(sql).binds;
  }

  /** What a statement's text tells, worked out once per text: applications run the same few statements over and over. */
  private record Facts(SqlBinds binds, boolean locksRows, boolean singleRowInsert) {
  }

  /** Bounded: dynamic SQL (values spliced into the text) must not grow it without end. */
  private static final int MAX_CACHED = 2048;
  private static final java.util.concurrent.ConcurrentHashMap<String, Facts> FACTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Facts facts(String sql) {
    Facts facts = FACTS.get(sql);
    if (facts == null) {
      SqlBinds binds = SqlBinds.parse(sql);
      facts = new Facts(binds, scanLocksRows(sql),
          "INSERT".equals(binds.keyword) && RowIdInserts.singleRowValues(sql));
      if (FACTS.size() >= MAX_CACHED) {
        FACTS.clear();
      }
      FACTS.put(sql, facts);
    }
    return facts;
  }

  /**
   * Checks that a statement is given and that the number of positional parameters fits its
   * placeholders ({@code ?}s; for {@code :name} placeholders, occurrences in SQL and distinct
   * names in PL/SQL, as Oracle binds them by position).
   *
   * @param sql the statement
   * @param parameterCount the number of parameters given
   * @return the statement's binds
   */
  static SqlBinds checkStatement(String sql, int parameterCount) {
    SqlBinds binds = checkText(sql);
    int expected = binds.positionalCount();
    if (expected != parameterCount) {
      throw new InvalidArgumentException("params", "statement has " + expected + " bind placeholder"
          + (expected == 1 ? "" : "s") + " but " + parameterCount + " parameter"
          + (parameterCount == 1 ? " was" : "s were") + " given");
    }
    return binds;
  }

  /**
   * Checks that a statement is given and that its placeholders are not a mix of {@code ?} and
   * {@code :name} (which no driver accepts).
   *
   * @param sql the statement
   * @return its binds
   */
  static SqlBinds checkText(String sql) {
    if (sql == null) {
      throw new InvalidArgumentException("sql", "sql must not be null");
    }
    if (sql.isBlank()) {
      throw new InvalidArgumentException("sql", "sql must not be blank");
    }
    SqlBinds binds = facts(sql).binds;
    if (binds.named() && binds.questionMarks > 0) {
      throw new InvalidArgumentException("sql", "the statement mixes ? and :name bind placeholders");
    }
    return binds;
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

  /**
   * Whether a statement is a single-row {@code INSERT ... VALUES}, the only INSERT to which ojdbc's
   * generated-keys rewrite can add {@code RETURNING ROWID INTO ?} ({@link RowIdInserts}).
   *
   * @param sql the statement
   * @return {@code true} if the new row's ROWID may be asked for
   */
  static boolean singleRowInsert(String sql) {
    return facts(sql).singleRowInsert;
  }

  private static boolean scanLocksRows(String sql) {
    return sql.toLowerCase(Locale.ROOT).contains("update") && FOR_UPDATE.matcher(sql).matches();
  }
}
