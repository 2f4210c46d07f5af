package io.asyncoracle.internal;

import io.asyncoracle.InputTypeHandler;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.OutParameter;
import io.asyncoracle.Pipeline;
import io.asyncoracle.PipelineOperation;
import io.asyncoracle.PipelineResult;
import io.asyncoracle.PipelineStep;
import io.asyncoracle.RowMapper;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Pipeline} of a connection. A run is one call on the connection's lane, so one worker
 * task whatever the number of steps: on Oracle 23ai+ {@link OraclePipeline} sends every step before
 * reading any answer; everywhere else {@link PipelineRunner} runs them one after the other. This
 * class holds the steps as added.
 */
final class PipelineImpl implements Pipeline {

  /**
   * One step as added; its arguments were checked when it was added.
   *
   * @param op what the application sees of the step
   * @param sql the text to prepare (the SQL rewritten for the driver when it has {@code :name}
   *     placeholders and the driver is not ojdbc), or a call's name; {@code null} for a commit
   * @param args the values, laid out for binding {@link #sql}: by position, or (ojdbc, values by
   *     name) one per distinct name; a call's positional arguments
   * @param plan how to bind {@code :name} placeholders, or {@code null} for {@code ?} ones
   * @param batch the checked rows of an execute-many step with rows, else {@code null}
   */
  record Step(PipelineStep op, String sql, Object[] args, BindPlan plan, BatchStatements.Batch batch) {

    PipelineOperation kind() {
      return op.operation();
    }

    Class<?> returnType() {
      return op.returnType();
    }

    /** How many rows a query step keeps. */
    int maxRows() {
      return op.numRows();
    }

    boolean isQuery() {
      return kind() == PipelineOperation.FETCH_ONE || kind() == PipelineOperation.FETCH_MANY
          || kind() == PipelineOperation.FETCH_ALL;
    }

    /** Rows per fetch round trip: the step's array size, or no more than it keeps (at least 1). */
    int fetchSize(int defaultArraySize) {
      if (kind() == PipelineOperation.FETCH_ALL) {
        return op.arraySize();
      }
      return Math.max(1, Math.min(maxRows(), Math.max(1, defaultArraySize)));
    }

    /** Binds the step's values to a statement prepared from {@link #sql}. */
    void bind(PreparedStatement ps, InputTypeHandler handler) throws SQLException {
      if (plan == null) {
        Statements.bind(ps, args, 0, handler);
      } else {
        plan.bind(ps, args, handler, null);
      }
    }

    /** A call's arguments: positional, then keyword ones in the map's order. */
    Object[] callArgs() {
      Map<String, ?> keywords = op.keywordParameters();
      return keywords == null || keywords.isEmpty() ? args : StoredCalls.concat(args, keywords);
    }

    /** Whether a call step has keyword arguments. */
    boolean hasKeywords() {
      return op.keywordParameters() != null && !op.keywordParameters().isEmpty();
    }

    /**
     * Whether the step may leave uncommitted work once it reached the database: anything but a
     * query that locks nothing (and a commit, which ends the transaction when it succeeds).
     */
    boolean mayWrite() {
      return switch (kind()) {
        case COMMIT -> false;
        case FETCH_ONE, FETCH_MANY, FETCH_ALL -> SqlText.locksRows(sql);
        case EXECUTE -> {
          String keyword = SqlText.binds(sql).keyword;
          yield !("SELECT".equals(keyword) || "WITH".equals(keyword)) || SqlText.locksRows(sql);
        }
        default -> true;
      };
    }
  }

  private final ConnectionImpl connection;
  private final List<Step> steps = new ArrayList<>();

  PipelineImpl(ConnectionImpl connection) {
    this.connection = connection;
  }

  // ---- building -----------------------------------------------------------------------------

  @Override
  public Pipeline addExecute(String sql, Object... params) {
    return addPositional(PipelineOperation.EXECUTE, sql, params, 0, 0, null);
  }

  @Override
  public Pipeline addExecute(String sql, Map<String, ?> params) {
    return addNamed(PipelineOperation.EXECUTE, sql, params, 0, 0, null);
  }

  @Override
  public Pipeline addExecuteMany(String sql, List<?> rows) {
    // Rows of values by position (List) or by name (Map), as executeMany takes them.
    BatchStatements.Batch batch = BatchStatements.checkBatch(sql, rows, oracle());
    PipelineStep op = new PipelineStep(PipelineOperation.EXECUTE_MANY, sql, null,
        Collections.unmodifiableList(new ArrayList<>(rows)), null, null, 0, 0, rows.size(), null, null, false);
    return add(new Step(op, batch.sql(), Statements.args(null), batch.plan(), batch));
  }

  @Override
  public Pipeline addExecuteMany(String sql, int numIterations) {
    SqlText.checkStatement(sql, 0);
    if (numIterations < 0) {
      throw new InvalidArgumentException("numIterations", "numIterations must not be negative, got " + numIterations);
    }
    PipelineStep op = new PipelineStep(PipelineOperation.EXECUTE_MANY, sql, null, List.of(), null, null, 0, 0,
        numIterations, null, null, false);
    return add(new Step(op, sql, Statements.args(null), null, null));
  }

  @Override
  public Pipeline addFetchOne(String sql, Object... params) {
    return addPositional(PipelineOperation.FETCH_ONE, sql, params, 1, 0, null);
  }

  @Override
  public Pipeline addFetchOne(String sql, Map<String, ?> params) {
    return addNamed(PipelineOperation.FETCH_ONE, sql, params, 1, 0, null);
  }

  @Override
  public Pipeline addFetchOne(String sql, RowMapper<?> mapper, Object... params) {
    return addPositional(PipelineOperation.FETCH_ONE, sql, params, 1, 0, requireMapper(mapper));
  }

  @Override
  public Pipeline addFetchOne(String sql, RowMapper<?> mapper, Map<String, ?> params) {
    return addNamed(PipelineOperation.FETCH_ONE, sql, params, 1, 0, requireMapper(mapper));
  }

  @Override
  public Pipeline addFetchMany(String sql, int numRows, Object... params) {
    return addPositional(PipelineOperation.FETCH_MANY, sql, params, checkNumRows(numRows), 0, null);
  }

  @Override
  public Pipeline addFetchMany(String sql) {
    return addPositional(PipelineOperation.FETCH_MANY, sql, null, connection.cursorArraySize(), 0, null);
  }

  @Override
  public Pipeline addFetchMany(String sql, int numRows, Map<String, ?> params) {
    return addNamed(PipelineOperation.FETCH_MANY, sql, params, checkNumRows(numRows), 0, null);
  }

  @Override
  public Pipeline addFetchMany(String sql, int numRows, RowMapper<?> mapper, Object... params) {
    return addPositional(PipelineOperation.FETCH_MANY, sql, params, checkNumRows(numRows), 0, requireMapper(mapper));
  }

  @Override
  public Pipeline addFetchMany(String sql, int numRows, RowMapper<?> mapper, Map<String, ?> params) {
    return addNamed(PipelineOperation.FETCH_MANY, sql, params, checkNumRows(numRows), 0, requireMapper(mapper));
  }

  @Override
  public Pipeline addFetchAll(String sql, Object... params) {
    return addPositional(PipelineOperation.FETCH_ALL, sql, params, Integer.MAX_VALUE, connection.cursorArraySize(),
        null);
  }

  @Override
  public Pipeline addFetchAll(String sql, Map<String, ?> params) {
    return addNamed(PipelineOperation.FETCH_ALL, sql, params, Integer.MAX_VALUE, connection.cursorArraySize(), null);
  }

  @Override
  public Pipeline addFetchAll(String sql, RowMapper<?> mapper, Object... params) {
    return addPositional(PipelineOperation.FETCH_ALL, sql, params, Integer.MAX_VALUE, connection.cursorArraySize(),
        requireMapper(mapper));
  }

  @Override
  public Pipeline addFetchAll(String sql, RowMapper<?> mapper, Map<String, ?> params) {
    return addNamed(PipelineOperation.FETCH_ALL, sql, params, Integer.MAX_VALUE, connection.cursorArraySize(),
        requireMapper(mapper));
  }

  @Override
  public Pipeline addFetchAll(String sql, List<?> params, int arraySize, RowMapper<?> mapper) {
    return addPositional(PipelineOperation.FETCH_ALL, sql, params == null ? null : params.toArray(),
        Integer.MAX_VALUE, checkArraySize(arraySize), mapper);
  }

  @Override
  public Pipeline addFetchAll(String sql, Map<String, ?> params, int arraySize, RowMapper<?> mapper) {
    return addNamed(PipelineOperation.FETCH_ALL, sql, params, Integer.MAX_VALUE, checkArraySize(arraySize), mapper);
  }

  private static int checkNumRows(int numRows) {
    if (numRows < 0) {
      throw new InvalidArgumentException("numRows", "numRows must not be negative, got " + numRows);
    }
    return numRows;
  }

  private static int checkArraySize(int arraySize) {
    if (arraySize < 1) {
      throw new InvalidArgumentException("arraySize", "arraySize must be at least 1, got " + arraySize);
    }
    return arraySize;
  }

  private static RowMapper<?> requireMapper(RowMapper<?> mapper) {
    ConnectionImpl.requireArgument(mapper, "mapper");
    return mapper;
  }

  /** A statement or query with values by position: {@code ?}, {@code :1} or {@code :name} placeholders. */
  private Pipeline addPositional(PipelineOperation kind, String sql, Object[] params, int numRows, int arraySize,
      RowMapper<?> mapper) {
    Object[] args = copy(params);
    SqlBinds binds = SqlText.checkStatement(sql, args.length);
    if (kind != PipelineOperation.EXECUTE) {
      checkNoOutParameters(args);
    }
    BindPlan plan = binds.named() ? BindPlan.positional(sql, binds, args, oracle()) : null;
    PipelineStep op = new PipelineStep(kind, sql, null, readOnly(args), null, null, numRows, arraySize, 0, null,
        mapper, kind != PipelineOperation.EXECUTE && connection.fetchDecimalsSetting());
    return add(new Step(op, plan == null ? sql : plan.sql, plan == null ? args : plan.values, plan, null));
  }

  /** A statement or query with values by name. */
  private Pipeline addNamed(PipelineOperation kind, String sql, Map<String, ?> params, int numRows, int arraySize,
      RowMapper<?> mapper) {
    BindPlan plan = BindPlan.byName(sql, SqlText.checkText(sql), params, oracle());
    PipelineStep op = new PipelineStep(kind, sql, null, List.of(), readOnly(params), null, numRows, arraySize, 0,
        null, mapper, kind != PipelineOperation.EXECUTE && connection.fetchDecimalsSetting());
    return add(new Step(op, plan.sql, plan.values, plan, null));
  }

  @Override
  public Pipeline addCallProc(String name, Object... params) {
    return addCall(PipelineOperation.CALL_PROC, name, null, copy(params), null);
  }

  @Override
  public Pipeline addCallProc(String name, List<?> params, Map<String, ?> keywordParams) {
    return addCall(PipelineOperation.CALL_PROC, name, null, params == null ? copy(null) : params.toArray(),
        keywordParams);
  }

  @Override
  public Pipeline addCallFunc(String name, Class<?> returnType, Object... params) {
    return addCall(PipelineOperation.CALL_FUNC, name, returnType, copy(params), null);
  }

  @Override
  public Pipeline addCallFunc(String name, Class<?> returnType, List<?> params, Map<String, ?> keywordParams) {
    return addCall(PipelineOperation.CALL_FUNC, name, returnType, params == null ? copy(null) : params.toArray(),
        keywordParams);
  }

  private Pipeline addCall(PipelineOperation kind, String name, Class<?> returnType, Object[] args,
      Map<String, ?> keywordParams) {
    SqlText.requireProcedureName(name);
    StoredCalls.checkKeywords(keywordParams);
    Map<String, Object> keywords = keywordParams == null ? null : readOnly(keywordParams);
    if (kind == PipelineOperation.CALL_FUNC) {
      ConnectionImpl.requireArgument(returnType, "returnType");
      checkNoOutParameters(args);
      if (keywords != null) {
        checkNoOutParameters(keywords.values().toArray());
      }
    }
    PipelineStep op = new PipelineStep(kind, null, name, readOnly(args), null, keywords, 0, 0, 0, returnType, null,
        false);
    return add(new Step(op, name, args, null, null));
  }

  @Override
  public Pipeline addCommit() {
    PipelineStep op = new PipelineStep(PipelineOperation.COMMIT, null, null, List.of(), null, null, 0, 0, 0, null,
        null, false);
    return add(new Step(op, null, Statements.args(null), null, null));
  }

  @Override
  public List<PipelineOperation> operations() {
    List<PipelineOperation> kinds = new ArrayList<>(steps.size());
    for (Step step : steps) {
      kinds.add(step.kind());
    }
    return List.copyOf(kinds);
  }

  @Override
  public List<PipelineStep> steps() {
    List<PipelineStep> ops = new ArrayList<>(steps.size());
    for (Step step : steps) {
      ops.add(step.op());
    }
    return List.copyOf(ops);
  }

  @Override
  public String toString() {
    return "Pipeline with " + steps.size() + (steps.size() == 1 ? " operation" : " operations");
  }

  private boolean oracle() {
    return connection.session().isOracle();
  }

  private Pipeline add(Step step) {
    steps.add(step);
    return this;
  }

  /** Copies the bind values: the caller may reuse its array before the pipeline runs. */
  private static Object[] copy(Object[] params) {
    Object[] args = Statements.args(params);
    return args.length == 0 ? args : args.clone();
  }

  /** A read-only view of copied values, which may hold nulls (unlike {@code List.copyOf}). */
  private static List<Object> readOnly(Object[] values) {
    return values.length == 0 ? List.of() : Collections.unmodifiableList(java.util.Arrays.asList(values.clone()));
  }

  private static Map<String, Object> readOnly(Map<String, ?> values) {
    return Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
  }

  private static void checkNoOutParameters(Object[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof OutParameter) {
        throw new InvalidArgumentException("params", "parameter " + (i + 1)
            + " is an OutParameter, which only addCallProc accepts");
      }
    }
  }

  // ---- running ------------------------------------------------------------------------------

  @Override
  public CompletableFuture<List<PipelineResult>> run(boolean continueOnError) {
    List<Step> snapshot = List.copyOf(steps);
    Session session = connection.session();
    String operation = "pipeline of " + snapshot.size() + (snapshot.size() == 1 ? " step" : " steps");
    return session.run(operation, s -> PipelineRunner.execute(connection, s, snapshot, continueOnError), io.asyncoracle.DatabaseCall.PIPELINE,
        LaneCall.NO_ROWS, null, null);
  }
}
