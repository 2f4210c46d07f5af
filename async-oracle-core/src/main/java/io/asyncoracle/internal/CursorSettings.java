package io.asyncoracle.internal;

import io.asyncoracle.AsyncCursor;
import io.asyncoracle.InputTypeHandler;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.OutputTypeHandler;
import java.sql.SQLType;
import java.util.List;
import java.util.Map;

/**
 * The settings half of {@link AsyncCursor}: array size, prefetch rows, batch size, input sizes,
 * type handlers and fetch settings, each falling back to the connection's where the cursor has none.
 * Set by the application, read at each execute and fetch. {@link CursorImpl} adds the calls.
 */
abstract class CursorSettings implements AsyncCursor {

  /** python-oracledb's default {@code batch_size} of {@code executemany}: everything in one round trip. */
  static final int DEFAULT_BATCH_SIZE = Integer.MAX_VALUE;

  final ConnectionImpl connection;
  volatile int arraySize;
  /** Rows of the first round trip of a query; -1: the array size. */
  volatile int prefetchRows = -1;
  volatile int batchSize = DEFAULT_BATCH_SIZE;
  volatile SQLType[] inputSizes;
  private volatile Map<String, SQLType> inputSizesByName;
  private volatile InputTypeHandler inputTypeHandler;
  private volatile OutputTypeHandler outputTypeHandler;
  private volatile Boolean fetchLobs;
  private volatile Boolean fetchDecimals;

  CursorSettings(ConnectionImpl connection, int arraySize) {
    this.connection = connection;
    this.arraySize = arraySize;
  }

  /** Fails if the cursor or its connection is closed. */
  abstract void checkOpen();

  @Override
  public void setArraySize(int arraySize) {
    checkOpen();
    this.arraySize = requireAtLeastOne(arraySize, "arraySize");
  }

  @Override
  public int arraySize() {
    checkOpen();
    return arraySize;
  }

  /** The array size for streaming, which may read it after the cursor closed itself. */
  int currentArraySize() {
    return arraySize;
  }

  @Override
  public void setPrefetchRows(int prefetchRows) {
    checkOpen();
    if (prefetchRows < 0) {
      throw new InvalidArgumentException("prefetchRows", "prefetchRows must not be negative, got " + prefetchRows);
    }
    this.prefetchRows = prefetchRows;
  }

  @Override
  public int prefetchRows() {
    checkOpen();
    int prefetch = prefetchRows;
    return prefetch < 0 ? arraySize : prefetch;
  }

  @Override
  public void setBatchSize(int batchSize) {
    checkOpen();
    this.batchSize = requireAtLeastOne(batchSize, "batchSize");
  }

  @Override
  public int batchSize() {
    checkOpen();
    return batchSize;
  }

  /** {@code value}, if it is at least 1; else the argument error naming {@code name}. */
  private static int requireAtLeastOne(int value, String name) {
    if (value < 1) {
      throw new InvalidArgumentException(name, name + " must be at least 1, got " + value);
    }
    return value;
  }

  @Override
  public void setInputSizes(Object... types) {
    checkOpen();
    if (types == null || types.length == 0) {
      // No types: no sizes at all, by position or by name.
      inputSizes = null;
      inputSizesByName = null;
      return;
    }
    SQLType[] sizes = new SQLType[types.length];
    for (int i = 0; i < types.length; i++) {
      sizes[i] = InputSizes.of(types[i], "types[" + i + "]");
    }
    inputSizes = sizes;
    inputSizesByName = null;
  }

  @Override
  public void setInputSizes(Map<String, ?> types) {
    checkOpen();
    ConnectionImpl.requireArgument(types, "types");
    Map<String, SQLType> sizes = new java.util.LinkedHashMap<>();
    types.forEach((name, type) -> {
      if (name == null) {
        throw new InvalidArgumentException("types", "a bind name must not be null");
      }
      sizes.put(name, InputSizes.of(type, name));
    });
    inputSizesByName = sizes;
    inputSizes = null;
  }

  @Override
  public void setInputTypeHandler(InputTypeHandler handler) {
    checkOpen();
    this.inputTypeHandler = handler;
  }

  @Override
  public InputTypeHandler inputTypeHandler() {
    checkOpen();
    return inputTypeHandler;
  }

  @Override
  public void setOutputTypeHandler(OutputTypeHandler handler) {
    checkOpen();
    this.outputTypeHandler = handler;
  }

  @Override
  public OutputTypeHandler outputTypeHandler() {
    checkOpen();
    return outputTypeHandler;
  }

  @Override
  public void setFetchLobs(boolean fetchLobs) {
    checkOpen();
    this.fetchLobs = fetchLobs;
  }

  @Override
  public boolean fetchLobs() {
    checkOpen();
    return effectiveFetchLobs();
  }

  @Override
  public void setFetchDecimals(boolean fetchDecimals) {
    checkOpen();
    this.fetchDecimals = fetchDecimals;
  }

  @Override
  public boolean fetchDecimals() {
    checkOpen();
    return effectiveFetchDecimals();
  }

  boolean effectiveFetchDecimals() {
    Boolean own = fetchDecimals;
    return own != null ? own : connection.fetchDecimalsSetting();
  }

  boolean effectiveFetchLobs() {
    Boolean own = fetchLobs;
    return own != null ? own : connection.fetchLobsSetting();
  }

  InputTypeHandler inputHandler() {
    InputTypeHandler own = inputTypeHandler;
    return own != null ? own : connection.inputTypeHandlerSetting();
  }

  OutputTypeHandler outputHandler() {
    OutputTypeHandler own = outputTypeHandler;
    return own != null ? own : connection.outputTypeHandlerSetting();
  }

  /** The JDBC fetch size at execute: the prefetch rows if set (0 is the smallest JDBC allows, 1), else the array size. */
  int firstFetchSize() {
    int prefetch = prefetchRows;
    return prefetch < 0 ? arraySize : Math.max(1, prefetch);
  }

  /**
   * Input sizes given by name cannot type values given by position (python-oracledb's DPY-2006):
   * the call fails instead of ignoring the sizes.
   */
  void refuseNamedSizesForPositionalValues() {
    Map<String, SQLType> byName = inputSizesByName;
    if (byName != null && !byName.isEmpty()) {
      throw new InvalidArgumentException("params", "positional and named binds cannot be intermixed"
          + " (DPY-2006): the input sizes were set by name " + byName.keySet()
          + ", so give the values by name (a Map) or set the sizes by position");
    }
  }

  /** Input sizes given by name, laid out as the plan's values. */
  SQLType[] typesByName(String sql, BindPlan plan) {
    Map<String, SQLType> byName = inputSizesByName;
    if (byName == null || byName.isEmpty()) {
      return inputSizes;
    }
    SqlBinds binds = SqlText.binds(sql);
    Map<String, SQLType> normalised = new java.util.HashMap<>();
    byName.forEach((k, v) -> normalised.put(binds.unique.contains(k) ? k : SqlBinds.normalise(k), v));
    return typesInOrder(plan.byName() ? plan.names : binds.names, normalised);
  }

  /** The type given for each bind name, in the order of {@code names} (null where none was given). */
  private static SQLType[] typesInOrder(List<String> names, Map<String, SQLType> typesByName) {
    SQLType[] types = new SQLType[names.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = typesByName.get(names.get(i));
    }
    return types;
  }
}
