package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.InvalidArgumentException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidArgumentException} from the core that reached startup, naming the
 * {@code async-oracle.*} property that corresponds to the option the core rejected.
 */
public class InvalidArgumentFailureAnalyzer extends AbstractFailureAnalyzer<InvalidArgumentException> {

  /** Creates the analyzer (registered in {@code META-INF/spring.factories}). */
  public InvalidArgumentFailureAnalyzer() {
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidArgumentException cause) {
    return InvalidAsyncOracleConfigurationFailureAnalyzer.describe(
        ConfigurationPropertyNames.forArgument(cause.argument()), cause.getMessage(), cause);
  }
}
