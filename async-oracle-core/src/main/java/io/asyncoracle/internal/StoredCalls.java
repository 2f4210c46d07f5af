package io.asyncoracle.internal;

import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.OutParameter;
import java.sql.CallableStatement;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code callProc}/{@code callFunc} with keyword parameters, as python-oracledb's
 * {@code keyword_parameters}: positional arguments first, then {@code name => value} ones. On
 * Oracle the call is a PL/SQL block in named notation ({@code BEGIN p(?, x => ?); END;}), so the
 * database matches the names and applies defaults. Other databases have no named notation: the
 * names are matched to the parameters the driver's metadata lists
 * ({@link DatabaseMetaData#getProcedureColumns}), and every parameter must then be given.
 */
final class StoredCalls {

  /** A keyword is a parameter name and nothing else, since it is written into the call text. */
  private static final Pattern KEYWORD = Pattern.compile("\"[^\"]+\"|[A-Za-z][A-Za-z0-9_$#]*");

  private StoredCalls() {
  }

  static void checkKeywords(Map<String, ?> keywordParams) {
    if (keywordParams == null) {
      return;
    }
    for (String key : keywordParams.keySet()) {
      if (key == null || !KEYWORD.matcher(key).matches()) {
        throw new InvalidArgumentException("keywordParams", "'" + key + "' is not a parameter name");
      }
    }
  }

  /**
   * Calls a procedure.
   *
   * @return the positional arguments after the call, then the keyword ones in the map's order
   */
  static List<Object> callProc(ConnectionImpl connection, String name, Object[] args, Map<String, ?> keywords)
      throws SQLException {
    if (keywords == null || keywords.isEmpty()) {
      return Statements.callProc(connection, name, args);
    }
    Session s = connection.session();
    if (s.isOracle()) {
      Object[] all = concat(args, keywords);
      return Statements.callProcText(connection, "BEGIN " + name + "(" + namedNotation(args.length, keywords)
          + "); END;", all, 0);
    }
    int[] positions = new int[keywords.size()];
    Object[] full = arrange(s, name, args, keywords, positions);
    List<Object> after = Statements.callProc(connection, name, full);
    List<Object> result = new ArrayList<>(after.subList(0, args.length));
    for (int position : positions) {
      result.add(after.get(position));
    }
    return result;
  }

  static <T> T callFunc(ConnectionImpl connection, String name, Class<T> returnType, Object[] args,
      Map<String, ?> keywords) throws SQLException {
    if (keywords == null || keywords.isEmpty()) {
      return Statements.callFunc(connection, name, returnType, args);
    }
    Session s = connection.session();
    if (!s.isOracle()) {
      return Statements.callFunc(connection, name, returnType, arrange(s, name, args, keywords, null));
    }
    Object[] all = concat(args, keywords);
    String call = "BEGIN ? := " + name + "(" + namedNotation(args.length, keywords) + "); END;";
    java.sql.SQLType returnSqlType = OutTypes.forReturn(s, returnType);
    try (CallableStatement cs = s.jdbc().prepareCall(call)) {
      cs.registerOutParameter(1, returnSqlType);
      for (int i = 0; i < all.length; i++) {
        Object value = connection.inputTypeHandlerSetting() == null ? all[i]
            : connection.inputTypeHandlerSetting().convert(all[i]);
        if (value instanceof OutParameter) {
          throw new InvalidArgumentException("params", "callFunc takes IN parameters only");
        }
        Statements.bindValue(cs, i + 2, value);
      }
      s.track(cs);
      cs.execute();
      s.changes().markDirty();
      return returnType == Object.class ? returnType.cast(cs.getObject(1)) : cs.getObject(1, returnType);
    }
  }

  static Object[] concat(Object[] args, Map<String, ?> keywords) {
    Object[] all = new Object[args.length + keywords.size()];
    System.arraycopy(args, 0, all, 0, args.length);
    int i = args.length;
    for (Object value : keywords.values()) {
      all[i++] = value;
    }
    return all;
  }

  static String namedNotation(int positional, Map<String, ?> keywords) {
    StringBuilder call = new StringBuilder(Statements.placeholders(positional));
    for (String key : keywords.keySet()) {
      if (call.length() > 0) {
        call.append(", ");
      }
      call.append(key).append(" => ?");
    }
    return call.toString();
  }

  /**
   * Lays positional and keyword arguments out in the order of the parameters the driver lists.
   *
   * @param positions filled, if given, with each keyword's 0-based position
   */
  private static Object[] arrange(Session s, String name, Object[] args, Map<String, ?> keywords, int[] positions)
      throws SQLException {
    List<String> parameters = parameterNames(s, name);
    Object[] full = new Object[parameters.size()];
    boolean[] given = new boolean[full.length];
    if (args.length > full.length) {
      throw new InvalidArgumentException("params", name + " has " + full.length + " parameters but "
          + args.length + " positional arguments were given");
    }
    for (int i = 0; i < args.length; i++) {
      full[i] = args[i];
      given[i] = true;
    }
    int k = 0;
    for (Map.Entry<String, ?> e : keywords.entrySet()) {
      int index = indexOf(parameters, e.getKey());
      if (index < 0) {
        throw new InvalidArgumentException("keywordParams", name + " has no parameter named " + e.getKey()
            + " (its parameters: " + parameters + ")");
      }
      if (given[index]) {
        throw new InvalidArgumentException("keywordParams", "parameter " + e.getKey() + " of " + name
            + " was given twice");
      }
      full[index] = e.getValue();
      given[index] = true;
      if (positions != null) {
        positions[k++] = index;
      }
    }
    for (int i = 0; i < given.length; i++) {
      if (!given[i]) {
        throw new InvalidArgumentException("keywordParams", "no value was given for parameter " + parameters.get(i)
            + " of " + name + " (this database has no parameter defaults for calls by name)");
      }
    }
    return full;
  }

  private static int indexOf(List<String> parameters, String keyword) {
    boolean quoted = keyword.startsWith("\"");
    String wanted = quoted ? keyword.substring(1, keyword.length() - 1) : keyword;
    for (int i = 0; i < parameters.size(); i++) {
      String p = parameters.get(i);
      if (quoted ? p.equals(wanted) : p.equalsIgnoreCase(wanted)) {
        return i;
      }
    }
    return -1;
  }

  /** The IN, IN OUT and OUT parameters of a procedure or function, in order, as the driver lists them. */
  private static List<String> parameterNames(Session s, String name) throws SQLException {
    DatabaseMetaData md = s.jdbc().getMetaData();
    String[] parts = name.split("\\.");
    String object = identifier(md, parts[parts.length - 1]);
    String schema = parts.length > 1 ? identifier(md, parts[parts.length - 2]) : null;
    List<String> names = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    try (ResultSet rs = md.getProcedureColumns(null, schema, object, null)) {
      while (rs.next()) {
        int kind = rs.getInt("COLUMN_TYPE");
        if (kind == DatabaseMetaData.procedureColumnIn || kind == DatabaseMetaData.procedureColumnInOut
            || kind == DatabaseMetaData.procedureColumnOut) {
          names.add(rs.getString("COLUMN_NAME"));
          order.add(rs.getInt("ORDINAL_POSITION"));
        }
      }
    }
    if (names.isEmpty()) {
      throw new InvalidArgumentException("name", "the database lists no parameters for " + name
          + ", so keyword parameters cannot be matched");
    }
    List<String> sorted = new ArrayList<>(names);
    Integer[] index = new Integer[names.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = i;
    }
    java.util.Arrays.sort(index, java.util.Comparator.comparingInt(order::get));
    for (int i = 0; i < index.length; i++) {
      sorted.set(i, names.get(index[i]));
    }
    return sorted;
  }

  private static String identifier(DatabaseMetaData md, String part) throws SQLException {
    if (part.startsWith("\"") && part.endsWith("\"") && part.length() > 1) {
      return part.substring(1, part.length() - 1);
    }
    return md.storesLowerCaseIdentifiers() ? part.toLowerCase(Locale.ROOT) : part.toUpperCase(Locale.ROOT);
  }
}
