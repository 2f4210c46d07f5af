package io.asyncoracle;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import oracle.ucp.diagnostics.DiagnosticsCollector;
import oracle.ucp.diagnostics.DiagnosticsCollectorImpl;

/**
 * Turns every log the library and its drivers can write up to the finest level and keeps all of
 * it in memory, with what is printed to {@code System.out} and {@code System.err}; {@link #close()}
 * puts the logging configuration back as it was.
 *
 * <p>Logging levels alone are not enough: UCP 23 only logs its pool properties when its
 * diagnostics are on ({@code oracle.ucp.diagnostic.enableLogging}, read by each pool when it is
 * created) or when it dumps its in-memory trace buffer after certain errors, and ojdbc only logs
 * with {@code oracle.jdbc.diagnostic.enableLogging}. This switches all of them on, the way a user
 * chasing a connection problem would.
 */
final class LogCapture implements AutoCloseable {

  private static final String[] SYSTEM_PROPERTIES = {
      "oracle.ucp.diagnostic.enableLogging", "true",
      "oracle.ucp.diagnostic.enableTrace", "true",
      "oracle.ucp.diagnostic.loggingLevel", "FINEST",
      "oracle.jdbc.diagnostic.enableLogging", "true",
  };
  /** Loggers given their own level; held here so they cannot be collected and lose it meanwhile. */
  private static final String[] LOGGER_NAMES = {"", "oracle.ucp", "oracle.jdbc", "oracle.net", "org.h2", "io.asyncoracle"};

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final Map<String, String> oldProperties = new HashMap<>();
  private final List<Logger> loggers = new ArrayList<>();
  private final List<Level> oldLevels = new ArrayList<>();
  private final Logger root = Logger.getLogger("");
  private final Handler[] oldRootHandlers;
  private final Handler handler = new CapturingHandler();
  private final PrintStream oldOut = System.out;
  private final PrintStream oldErr = System.err;
  private final PrintWriter oldDriverManagerWriter = DriverManager.getLogWriter();
  private final DiagnosticsCollector ucpCommon = DiagnosticsCollectorImpl.getCommon();
  private final boolean oldUcpLogging = ucpCommon.getLoggingEnabled();
  private final boolean oldUcpTrace = ucpCommon.getTraceEnabled();
  private final Level oldUcpLevel = ucpCommon.getLogLevel();

  LogCapture() {
    for (int i = 0; i < SYSTEM_PROPERTIES.length; i += 2) {
      oldProperties.put(SYSTEM_PROPERTIES[i], System.getProperty(SYSTEM_PROPERTIES[i]));
      System.setProperty(SYSTEM_PROPERTIES[i], SYSTEM_PROPERTIES[i + 1]);
    }
    for (String name : LOGGER_NAMES) {
      Logger logger = Logger.getLogger(name);
      loggers.add(logger);
      oldLevels.add(logger.getLevel());
      logger.setLevel(Level.ALL);
    }
    // Only our handler on the root: UCP sends its trace buffer to the first handler it finds up
    // the logger tree, and a ConsoleHandler there would write to the System.err of its creation.
    oldRootHandlers = root.getHandlers();
    for (Handler h : oldRootHandlers) {
      root.removeHandler(h);
    }
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    // UCP's JVM-wide collector was created when UCP loaded, possibly by an earlier test.
    ucpCommon.setLoggingEnabled(true);
    ucpCommon.setTraceEnabled(true);
    ucpCommon.setLogLevel(Level.FINEST);
    DriverManager.setLogWriter(new PrintWriter(capture, true));
    // Not copied to the real streams: with ojdbc's diagnostics on, that is megabytes per test.
    System.setOut(capture);
    System.setErr(capture);
  }

  /**
   * Records a failure as an application would log it, stack trace and causes included.
   *
   * @param what what failed
   * @param failure the failure
   */
  void record(String what, Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    capture.println(what + " failed: " + trace);
  }

  /** @return everything captured so far, UCP's trace buffer flushed first */
  String text() {
    DiagnosticsCollectorImpl.dumpTraceBuffer();
    capture.flush();
    synchronized (bytes) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    System.setOut(oldOut);
    System.setErr(oldErr);
    DriverManager.setLogWriter(oldDriverManagerWriter);
    ucpCommon.setLoggingEnabled(oldUcpLogging);
    ucpCommon.setTraceEnabled(oldUcpTrace);
    ucpCommon.setLogLevel(oldUcpLevel);
    root.removeHandler(handler);
    for (Handler h : oldRootHandlers) {
      root.addHandler(h);
    }
    for (int i = 0; i < loggers.size(); i++) {
      loggers.get(i).setLevel(oldLevels.get(i));
    }
    oldProperties.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
  }

  /** Keeps each record in every form a handler could print it: formatted, raw, parameters, stack. */
  private final class CapturingHandler extends Handler {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      StringBuilder line = new StringBuilder();
      try {
        line.append(formatter.format(record));
      } catch (RuntimeException e) {
        line.append("<unformattable record: ").append(e).append(">\n");
      }
      line.append(record.getLoggerName()).append(' ').append(record.getMessage()).append('\n');
      if (record.getParameters() != null) {
        for (Object parameter : record.getParameters()) {
          line.append("  param ").append(parameter).append('\n');
        }
      }
      capture.print(line);
    }

    @Override
    public void flush() {
      capture.flush();
    }

    @Override
    public void close() {
    }
  }
}
