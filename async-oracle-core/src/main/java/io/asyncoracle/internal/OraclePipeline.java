package io.asyncoracle.internal;

import io.asyncoracle.OutParameter;
import io.asyncoracle.PipelineOperation;
import io.asyncoracle.PipelineResult;
import io.asyncoracle.internal.PipelineImpl.Step;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import oracle.jdbc.ErrorSet;
import oracle.jdbc.OracleConnection;
import oracle.jdbc.OraclePreparedStatement;

/**
 * A pipeline sent through ojdbc's Reactive Extensions (Oracle Database 23ai and later): every step
 * is submitted ({@code executeAsyncOracle}, {@code executeQueryAsyncOracle},
 * {@code executeBatchAsyncOracle}, {@code commitAsyncOracle}) before any answer is awaited, so the
 * driver sends them in one round trip. Then every answer is awaited, and only then are the results
 * read with synchronous calls: ojdbc blocks a thread that makes a synchronous call while an
 * asynchronous one is in flight on the connection (Oracle R2DBC issue #57), and the whole run is
 * one task on the connection's lane, so nothing else touches the connection meanwhile.
 *
 * <p>Without continueOnError the statements carry {@link ErrorSet#NO_ERRORS}: the database aborts
 * the steps after a failed one (ORA-43610), and the run reports the first failure. With it they
 * carry {@link ErrorSet#ALL_ERRORS}, and each step reports its own outcome.
 *
 * <p>A cancel or the call timeout breaks the round trip ({@code OracleConnection.cancel()}, which
 * ojdbc's {@code Pipeline.cancel} turns into a break and the end of the pipeline); ojdbc treats
 * ORA-01013 as aborting every step behind it whatever the error set (its half-duplex emulation,
 * {@code HalfDuplexAbortCause.ABORT_ON_CANCEL}). Two rules hold whatever the break reaches: a step
 * that may write marks the session dirty when it is sent, so the release rolls back what a stopped
 * run wrote; and with continueOnError a commit is sent only after every step before it answered and
 * the run was not stopped, so no commit can follow a cancel.
 */
final class OraclePipeline {

  /** The driver's switch for pipelining, a system property (read by {@code oracle.jdbc.driver.Pipeline}). */
  static final String DISABLE_PIPELINE = "oracle.jdbc.disablePipeline";

  /** How often a wait for the driver looks at the run's deadline and cancel. */
  private static final long POLL_MILLIS = 50;

  private OraclePipeline() {
  }

  /**
   * Whether pipelines on this session's connection can go in one round trip: an ojdbc connection
   * to Oracle Database 23 or later, with pipelining not disabled, on which the driver chose full
   * duplex ({@link DriverPipelineMode}; in half duplex its asynchronous calls go one round trip
   * each, so the steps run one by one here and report {@code pipelined() == false}). Runs on the lane.
   */
  static boolean available(Session s) throws SQLException {
    if (!s.isOracle() || "true".equalsIgnoreCase(System.getProperty(DISABLE_PIPELINE))) {
      return false;
    }
    HeldConnection held = s.held();
    Boolean known = held.pipelining;
    if (known == null) {
      // Answered from what the driver learned at logon: no round trip.
      known = held.oracleConnection().getMetaData().getDatabaseMajorVersion() >= 23
          && !Boolean.FALSE.equals(DriverPipelineMode.fullDuplex(held.oracleConnection()));
      held.pipelining = known;
    }
    return known;
  }

  /** One submitted step: its statement (if any) and the signals its publisher sent. */
  private static final class Submitted implements Flow.Subscriber<Object> {
    final Statement statement;
    final CompletableFuture<List<Object>> outcome = new CompletableFuture<>();
    private final List<Object> items = new ArrayList<>(1);

    Submitted(Statement statement) {
      this.statement = statement;
    }

    static Submitted failed(Statement statement, Throwable error) {
      Submitted s = new Submitted(statement);
      s.outcome.completeExceptionally(error);
      return s;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(Object item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable error) {
      outcome.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      outcome.complete(items);
    }
  }

  static List<PipelineResult> run(ConnectionImpl connection, List<Step> run, boolean continueOnError)
      throws Exception {
    Session s = connection.session();
    OracleConnection oc = s.held().oracleConnection();
    ErrorSet errors = continueOnError ? ErrorSet.ALL_ERRORS : ErrorSet.NO_ERRORS;
    Submitted[] submitted = new Submitted[run.size()];
    try {
      for (int i = 0; i < run.size(); i++) {
        Step step = run.get(i);
        if (continueOnError && step.kind() == PipelineOperation.COMMIT) {
          // With ALL_ERRORS the database would run the commit whatever happened to the steps
          // before it, a cancelled one included if the break does not reach it: the commit is
          // sent only once they all answered and the run is still wanted (issue 19, A).
          awaitAll(s, submitted);
        }
        if (s.callStopped()) {
          break;
        }
        if (step.mayWrite()) {
          // Marked when sent, not when read: a run stopped before its answers are read may
          // still have written, and the release must roll that back (issue 19, item 1).
          s.changes().markDirty();
        }
        submitted[i] = submit(connection, oc, step, errors);
        if (!continueOnError && submitted[i].outcome.isCompletedExceptionally()) {
          break;
        }
      }
      // Nothing synchronous may run on the connection before every answer is in.
      awaitAll(s, submitted);
      PipelineRunner.stopIfAsked(s, run.size());
      List<PipelineResult> results = new ArrayList<>(run.size());
      for (int i = 0; i < run.size(); i++) {
        Throwable error = errorOf(submitted[i]);
        if (error == null) {
          try {
            results.add(read(connection, i, run.get(i), submitted[i]));
            continue;
          } catch (SQLException | RuntimeException e) {
            error = e;
          }
        }
        if (!PipelineRunner.failed(s, run, i, error, continueOnError, results, true)) {
          break;
        }
      }
      return List.copyOf(results);
    } finally {
      for (Submitted step : submitted) {
        if (step != null && step.statement != null) {
          closeQuietly(step.statement);
        }
      }
    }
  }

  private static void awaitAll(Session s, Submitted[] submitted) throws SQLException {
    for (Submitted step : submitted) {
      if (step != null) {
        await(s, step);
      }
    }
  }

  /** Creates, binds and submits one step; a step that fails before it is sent comes back failed. */
  private static Submitted submit(ConnectionImpl connection, OracleConnection oc, Step step, ErrorSet errors) {
    Statement statement = null;
    try {
      switch (step.kind()) {
        case EXECUTE -> {
          // The step's SQL and values are already laid out by its bind plan (PipelineImpl.Step).
          OraclePreparedStatement ps = prepare(oc, step.sql(), errors);
          statement = ps;
          step.bind(ps, connection.inputTypeHandler());
          return subscribe(ps, ps.executeAsyncOracle());
        }
        case EXECUTE_MANY -> {
          if (step.op().iterations() == 0) {
            Submitted none = new Submitted(null);
            none.outcome.complete(List.of());
            return none;
          }
          OraclePreparedStatement ps = prepare(oc, step.sql(), errors);
          statement = ps;
          if (step.batch() == null) {
            for (int i = 0; i < step.op().iterations(); i++) {
              ps.addBatch();
            }
          } else {
            for (Object[] row : step.batch().rows()) {
              if (step.batch().plan() == null) {
                Statements.bind(ps, row, 0, connection.inputTypeHandler());
              } else {
                step.batch().plan().bind(ps, row, connection.inputTypeHandler(), null);
              }
              ps.addBatch();
            }
          }
          return subscribe(ps, ps.executeBatchAsyncOracle());
        }
        case FETCH_ONE, FETCH_MANY, FETCH_ALL -> {
          // The step's SQL and values are already laid out by its bind plan (PipelineImpl.Step).
          OraclePreparedStatement ps = prepare(oc, step.sql(), errors);
          statement = ps;
          // The rows a step keeps come back with its execute, in the same round trip.
          ps.setFetchSize(step.fetchSize(connection.cursorArraySize()));
          step.bind(ps, connection.inputTypeHandler());
          return subscribe(ps, ps.executeQueryAsyncOracle());
        }
        case CALL_FUNC -> {
          CallableStatement cs = oc.prepareCall(step.hasKeywords()
              ? "BEGIN ? := " + step.sql() + "(" + StoredCalls.namedNotation(step.args().length,
                  step.op().keywordParameters()) + "); END;"
              : "{? = call " + step.sql() + "(" + marks(step.args().length) + ")}");
          statement = cs;
          OraclePreparedStatement ops = cs.unwrap(OraclePreparedStatement.class);
          ops.continueOnError(errors);
          cs.registerOutParameter(1, OutTypes.forReturn(connection.session(), step.returnType()));
          Statements.bind(cs, step.callArgs(), 1, connection.inputTypeHandler());
          return subscribe(cs, ops.executeAsyncOracle());
        }
        case CALL_PROC -> {
          CallableStatement cs = oc.prepareCall(step.hasKeywords()
              ? "BEGIN " + step.sql() + "(" + StoredCalls.namedNotation(step.args().length,
                  step.op().keywordParameters()) + "); END;"
              : "{call " + step.sql() + "(" + marks(step.args().length) + ")}");
          statement = cs;
          OraclePreparedStatement ops = cs.unwrap(OraclePreparedStatement.class);
          ops.continueOnError(errors);
          bindCall(connection, cs, step.callArgs());
          return subscribe(cs, ops.executeAsyncOracle());
        }
        case COMMIT -> {
          return subscribe(null, oc.commitAsyncOracle(errors));
        }
        default -> throw new IllegalStateException("unknown pipeline step " + step.kind());
      }
    } catch (SQLException | RuntimeException e) {
      return Submitted.failed(statement, e);
    }
  }

  /**
   * How a step's positional values bind to a text with {@code :name} placeholders, as for a cursor:
   * a PL/SQL value at each occurrence of its name, quoted names rewritten. {@code null} for {@code ?} texts.
   */
  private static OraclePreparedStatement prepare(OracleConnection oc, String sql, ErrorSet errors) throws SQLException {
    PreparedStatement ps = oc.prepareStatement(sql);
    OraclePreparedStatement ops = ps.unwrap(OraclePreparedStatement.class);
    ops.continueOnError(errors);
    return ops;
  }

  private static Submitted subscribe(Statement statement, Flow.Publisher<?> publisher) {
    Submitted step = new Submitted(statement);
    publisher.subscribe(step);
    return step;
  }

  private static void bindCall(ConnectionImpl connection, CallableStatement cs, Object[] args) throws SQLException {
    io.asyncoracle.InputTypeHandler handler = connection.inputTypeHandler();
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof OutParameter out) {
        cs.registerOutParameter(i + 1, OutTypes.forParameter(connection.session(), out, i + 1));
        if (out.inOut()) {
          Statements.bindValue(cs, i + 1, handler == null ? out.value() : handler.convert(out.value()));
        }
      } else {
        Statements.bindValue(cs, i + 1, handler == null ? args[i] : handler.convert(args[i]));
      }
    }
  }

  private static String marks(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  /**
   * Waits for a step's answer. The run's deadline and cancel break the round trip from outside
   * ({@link Session} cancels the connection: no statement is tracked); if the driver still does
   * not answer well after that, the connection is given up as lost.
   */
  private static void await(Session s, Submitted step) throws SQLException {
    long stoppedAt = 0;
    while (true) {
      try {
        step.outcome.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        return;
      } catch (TimeoutException e) {
        if (s.callStopped()) {
          long now = System.nanoTime();
          if (stoppedAt == 0) {
            stoppedAt = now;
          } else if (now - stoppedAt > 2 * Session.CANCEL_GRACE.toNanos()) {
            throw new SQLRecoverableException("pipeline: the database did not answer the cancel", "08006");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLRecoverableException("pipeline: interrupted while steps were in flight", "08006", e);
      }
    }
  }

  private static Throwable errorOf(Submitted step) {
    if (step == null) {
      return new SQLException("pipeline: step not sent");
    }
    try {
      step.outcome.join();
      return null;
    } catch (java.util.concurrent.CompletionException e) {
      return e.getCause() != null ? e.getCause() : e;
    }
  }

  /** Reads a step's result once every step has answered. */
  private static PipelineResult read(ConnectionImpl connection, int index, Step step, Submitted submitted)
      throws SQLException {
    Session s = connection.session();
    List<Object> items = submitted.outcome.join();
    Statement statement = submitted.statement;
    switch (step.kind()) {
      case EXECUTE -> {
        boolean query = !items.isEmpty() && Boolean.TRUE.equals(items.get(0));
        Statements.noteTransaction(s, step.sql(), query);
        long count = query ? 0 : Math.max(0, statement.getLargeUpdateCount());
        return PipelineRunner.done(index, step, null, null, count, null, PipelineRunner.warning(statement), true);
      }
      case EXECUTE_MANY -> {
        if (statement == null) {
          return PipelineRunner.done(index, step, null, null, 0, null, null, true);
        }
        s.changes().markDirty();
        long total = 0;
        for (Object item : items) {
          long count = ((Number) item).longValue();
          if (count == Statement.SUCCESS_NO_INFO) {
            total = -1;
            break;
          }
          total += Math.max(0, count);
        }
        return PipelineRunner.done(index, step, null, null, total, null, PipelineRunner.warning(statement), true);
      }
      case FETCH_ONE, FETCH_MANY, FETCH_ALL -> {
        if (items.isEmpty() || !(items.get(0) instanceof ResultSet)) {
          throw PipelineRunner.notAQuery(step);
        }
        Statements.noteTransaction(s, step.sql(), true);
        try (ResultSet rs = (ResultSet) items.get(0)) {
          return PipelineRunner.readRows(connection, index, step, statement, rs, true);
        }
      }
      case CALL_FUNC -> {
        s.changes().markDirty();
        CallableStatement cs = (CallableStatement) statement;
        Class<?> type = step.returnType();
        Object value = type == Object.class ? cs.getObject(1) : cs.getObject(1, type);
        return PipelineRunner.done(index, step, null, null, 0, value, PipelineRunner.warning(cs), true);
      }
      case CALL_PROC -> {
        s.changes().markDirty();
        CallableStatement cs = (CallableStatement) statement;
        Object[] args = step.callArgs();
        List<Object> after = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
          if (args[i] instanceof OutParameter out) {
            after.add(out.javaType() == Object.class ? cs.getObject(i + 1) : cs.getObject(i + 1, out.javaType()));
          } else {
            after.add(args[i]);
          }
        }
        return PipelineRunner.done(index, step, null, null, 0, Collections.unmodifiableList(after),
            PipelineRunner.warning(cs), true);
      }
      case COMMIT -> {
        s.markClean();
        return PipelineRunner.done(index, step, null, null, 0, null, null, true);
      }
      default -> throw new IllegalStateException("unknown pipeline step " + step.kind());
    }
  }

  private static void closeQuietly(Statement statement) {
    try {
      statement.close();
    } catch (SQLException | RuntimeException e) {
      // Closing a statement of a finished pipeline: nothing the application can act on.
    }
  }
}
