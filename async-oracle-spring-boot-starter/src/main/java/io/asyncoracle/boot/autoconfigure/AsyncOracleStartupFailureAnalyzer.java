package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.boot.support.JdbcUrls;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;

/**
 * Explains why the pool could not start, typically an unreachable database, naming the properties
 * that decide where it connects and how long it tries ({@code async-oracle.connect-timeout}).
 */
public class AsyncOracleStartupFailureAnalyzer extends AbstractFailureAnalyzer<AsyncOracleStartupException> {

  /** Creates the analyzer (registered in {@code META-INF/spring.factories}). */
  public AsyncOracleStartupFailureAnalyzer() {
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, AsyncOracleStartupException cause) {
    Throwable reason = cause.getCause() != null ? cause.getCause() : cause;
    Throwable root = NestedExceptionUtils.getMostSpecificCause(reason);
    String description = "The async-oracle pool could not connect to the database.\n\n    URL: " + cause.getUrl()
        + "\n    Reason: " + JdbcUrls.redact(reason.getMessage()) + "\n"
        + (root != reason ? "    Root cause: " + JdbcUrls.redact(root.toString()) + "\n" : "");
    String action = "Check that the database is running and reachable, and check async-oracle.url (or"
        + " async-oracle.host, async-oracle.port and async-oracle.service-name), async-oracle.username and"
        + " async-oracle.password. A database that accepts connections slowly (or a listener that never"
        + " answers) is given up on after async-oracle.connect-timeout (default 20s): raise it for a slow"
        + " login, lower it to fail sooner. To start the application without the database and connect on"
        + " first use, set async-oracle.fail-fast=false.";
    return new FailureAnalysis(description, action, cause);
  }
}
