package io.asyncoracle.internal;

import io.asyncoracle.AsyncOracleException;
import io.asyncoracle.ColumnDescription;
import io.asyncoracle.InvalidArgumentException;
import io.asyncoracle.PipelineException;
import io.asyncoracle.PipelineResult;
import io.asyncoracle.Row;
import io.asyncoracle.RowMapper;
import io.asyncoracle.internal.PipelineImpl.Step;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Runs a pipeline's steps on the connection's lane: hands them to {@link OraclePipeline} where the
 * driver can pipeline, else runs them one after the other here; and builds each step's result.
 * Stateless; {@link PipelineImpl} holds the steps.
 */
final class PipelineRunner {

  private PipelineRunner() {}

  static List<PipelineResult> execute(ConnectionImpl connection, Session s, List<Step> run, boolean continueOnError)
      throws Exception {
    if (OraclePipeline.available(s)) {
      return OraclePipeline.run(connection, run, continueOnError);
    }
    List<PipelineResult> results = new ArrayList<>(run.size());
    Prepared prepared = new Prepared(s);
    try {
      for (int i = 0; i < run.size(); i++) {
        stopIfAsked(s, i);
        Step step = run.get(i);
        try {
          if (step.mayWrite()) {
            // Before it is sent: a step cut short by a cancel may still have written.
            s.changes().markDirty();
          }
          results.add(runStep(connection, s, prepared, i, step));
        } catch (Exception e) {
          prepared.discard(step.sql());
          if (s.callStopped()) {
            // The deadline or the application's cancel decides how the run ends.
            throw e;
          }
          if (!failed(s, run, i, e, continueOnError, results, false)) {
            break;
          }
        }
      }
    } finally {
      prepared.closeAll();
    }
    return List.copyOf(results);
  }

  /**
   * The statements of one run, by SQL text: steps that repeat a statement (five lookups by key, say)
   * reuse it with new bind values instead of preparing it again, which on drivers that prepare on
   * the server (H2 over TCP) saves a round trip per repeat. Closed when the run ends.
   */
  private static final class Prepared {
    private final Session session;
    private java.util.Map<String, PreparedStatement> bySql;

    Prepared(Session session) {
      this.session = session;
    }

    PreparedStatement get(String sql) throws SQLException {
      PreparedStatement ps = bySql == null ? null : bySql.get(sql);
      if (ps != null) {
        ps.clearParameters();
        return ps;
      }
      ps = session.jdbc().prepareStatement(sql);
      if (bySql == null) {
        bySql = new java.util.HashMap<>();
      }
      bySql.put(sql, ps);
      return ps;
    }

    /** Drops a statement whose step failed: the next step with that SQL prepares a fresh one. */
    void discard(String sql) {
      PreparedStatement ps = bySql == null || sql == null ? null : bySql.remove(sql);
      if (ps != null) {
        closeQuietly(ps);
      }
    }

    void closeAll() {
      if (bySql != null) {
        for (PreparedStatement ps : bySql.values()) {
          closeQuietly(ps);
        }
        bySql.clear();
      }
    }

    private static void closeQuietly(Statement statement) {
      try {
        statement.close();
      } catch (SQLException | RuntimeException e) {
        // Closing a statement of a finished run: nothing the application can act on.
      }
    }
  }

  /** Ends a run between steps when its deadline passed or the application cancelled it. */
  static void stopIfAsked(Session s, int nextStep) {
    if (s.callStopped()) {
      throw new AsyncOracleException("pipeline stopped before step " + nextStep
          + ": it was cancelled or ran out of time");
    }
  }

  /**
   * Handles a failed step: without continueOnError throws the pipeline's failure; with it records
   * the error in the step's result. After an error that lost the connection, the remaining steps
   * are recorded as not run.
   *
   * @return whether the next steps may run
   */
  static boolean failed(Session s, List<Step> run, int index, Throwable error, boolean continueOnError,
      List<PipelineResult> results, boolean pipelined) {
    Step step = run.get(index);
    AsyncOracleException stepError = asOurs(step, error);
    boolean lost = s.noteFailure(error);
    if (!continueOnError) {
      throw new PipelineException(index, step.kind(), run.size(), stepError, results);
    }
    results.add(new PipelineResult(index, step.kind(), null, null, 0, null, null, stepError, pipelined));
    if (lost) {
      for (int j = index + 1; j < run.size(); j++) {
        results.add(new PipelineResult(j, run.get(j).kind(), null, null, 0, null, null,
            new AsyncOracleException("not run: the connection was lost at pipeline step " + index, stepError),
            pipelined));
      }
      return false;
    }
    return true;
  }

  private static AsyncOracleException asOurs(Step step, Throwable error) {
    RuntimeException mapped = Errors.map(error);
    return mapped instanceof AsyncOracleException ours ? ours
        : new AsyncOracleException(step.kind() + " failed: " + mapped, mapped);
  }

  private static PipelineResult runStep(ConnectionImpl connection, Session s, Prepared prepared, int index, Step step)
      throws SQLException {
    switch (step.kind()) {
      case EXECUTE -> {
        PreparedStatement ps = prepared.get(step.sql());
        ps.clearWarnings();
        step.bind(ps, connection.inputTypeHandler());
        s.track(ps);
        boolean query = ps.execute();
        if (query) {
          ps.getResultSet().close();
        }
        Statements.noteTransaction(s, step.sql(), query);
        long count = query ? 0 : Math.max(0, ps.getLargeUpdateCount());
        return done(index, step, null, null, count, null, warning(ps), false);
      }
      case EXECUTE_MANY -> {
        if (step.op().iterations() == 0) {
          return done(index, step, null, null, 0, null, null, false);
        }
        try (PreparedStatement ps = s.jdbc().prepareStatement(step.sql())) {
          long count = step.batch() == null
              ? BatchStatements.executeIterations(s, ps, step.op().iterations(), Integer.MAX_VALUE, new long[1])
              : BatchStatements.executeBatch(s, ps, step.batch(), connection.inputTypeHandler(), null, Integer.MAX_VALUE,
                  new long[1]);
          return done(index, step, null, null, count, null, warning(ps), false);
        }
      }
      case FETCH_ONE, FETCH_MANY, FETCH_ALL -> {
        PreparedStatement ps = prepared.get(step.sql());
        ps.clearWarnings();
        ps.setFetchSize(step.fetchSize(connection.cursorArraySize()));
        step.bind(ps, connection.inputTypeHandler());
        s.track(ps);
        if (!ps.execute()) {
          throw notAQuery(step);
        }
        Statements.noteTransaction(s, step.sql(), true);
        try (ResultSet rs = ps.getResultSet()) {
          return readRows(connection, index, step, ps, rs, false);
        }
      }
      case CALL_FUNC -> {
        Object value = StoredCalls.callFunc(connection, step.sql(), step.returnType(), step.args(),
            step.op().keywordParameters());
        return done(index, step, null, null, 0, value, null, false);
      }
      case CALL_PROC -> {
        List<Object> arguments = StoredCalls.callProc(connection, step.sql(), step.args(),
            step.op().keywordParameters());
        return done(index, step, null, null, 0, Collections.unmodifiableList(arguments), null, false);
      }
      case COMMIT -> {
        s.jdbc().commit();
        s.markClean();
        return done(index, step, null, null, 0, null, null, false);
      }
      default -> throw new IllegalStateException("unknown pipeline step " + step.kind());
    }
  }

  static InvalidArgumentException notAQuery(Step step) {
    return new InvalidArgumentException("sql", step.kind() + " needs a query: use addExecute() for DML, DDL and PL/SQL");
  }

  /** Reads a query step's rows (up to its limit) and columns. */
  static PipelineResult readRows(ConnectionImpl connection, int index, Step step, Statement statement, ResultSet rs,
      boolean pipelined) throws SQLException {
    RowReader reader = new RowReader(rs.getMetaData(), connection.outputTypeHandler(), connection.session().held(),
        step.sql()).fetchingDecimals(step.op().fetchDecimals());
    TemporaryLobs.noteQuery(connection.session(), reader);
    List<Row> rows = Statements.read(rs, reader, step.maxRows());
    List<ColumnDescription> columns = reader.columns();
    RowMapper<?> mapper = step.op().rowMapper();
    List<Object> mapped = null;
    if (mapper != null) {
      mapped = new ArrayList<>(rows.size());
      for (Row row : rows) {
        mapped.add(mapper.map(row));
      }
    }
    return new PipelineResult(index, step.kind(), rows, columns, rows.size(), null, warning(statement), null,
        pipelined, mapped);
  }

  static PipelineResult done(int index, Step step, List<Row> rows, List<ColumnDescription> columns, long rowCount,
      Object returnValue, String warning, boolean pipelined) {
    return new PipelineResult(index, step.kind(), rows, columns, rowCount, returnValue, warning, null, pipelined);
  }

  /** The warnings the driver attached to a statement, as one message, or {@code null}. */
  static String warning(Statement statement) throws SQLException {
    SQLWarning warning = statement.getWarnings();
    if (warning == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
      if (text.length() > 0) {
        text.append("; ");
      }
      text.append(String.valueOf(w.getMessage()).trim());
    }
    return text.toString();
  }
}
