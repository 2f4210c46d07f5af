package io.asyncoracle.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a missing or invalid {@code async-oracle.*} property at startup. */
public class InvalidAsyncOracleConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidAsyncOracleConfigurationException> {

  /** Creates the analyzer (registered in {@code META-INF/spring.factories}). */
  public InvalidAsyncOracleConfigurationFailureAnalyzer() {
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidAsyncOracleConfigurationException cause) {
    return describe(cause.getProperty(), cause.getReason(), cause);
  }

  static FailureAnalysis describe(String property, String reason, Throwable cause) {
    String description = "The async-oracle pool could not be configured.\n\n    Property: " + property
        + "\n    Reason: " + reason + "\n";
    String action;
    if ((AsyncOracleProperties.PREFIX + ".url").equals(property) && reason.startsWith("no database")) {
      action = "Set async-oracle.url (for example jdbc:oracle:thin:@//host:1521/service), or async-oracle.host"
          + " with async-oracle.service-name, in your application.yml; or add com.h2database:h2 to the"
          + " classpath to use an embedded database.";
    } else if (ShutdownTimeouts.TIMEOUT_PROPERTY.equals(property)) {
      action = "Lower " + property + " below " + ShutdownTimeouts.PHASE_PROPERTY + " by at least "
          + io.asyncoracle.boot.shutdown.AsyncPoolLifecycle.INTERRUPT_MARGIN.toSeconds() + "s, raise "
          + ShutdownTimeouts.PHASE_PROPERTY + ", or remove " + property + " to derive it from the phase.";
    } else {
      action = "Update your application's configuration: correct the value of " + property + ".";
    }
    return new FailureAnalysis(description, action, cause);
  }
}
