package io.asyncoracle.oracle;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Skips an Oracle IT class when no Docker engine is reachable, and says so on the build output
 * (one line per class), so a skipped run is never mistaken for a passing one. Declared before
 * {@code @Testcontainers(disabledWithoutDocker = true)}, which would skip the class silently.
 */
final class DockerRequired implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isPresent()) {
      return ConditionEvaluationResult.enabled("decided for the whole class");
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      return ConditionEvaluationResult.enabled("Docker is available");
    }
    String reason = "skipped: no Docker engine, so no Oracle Database Free container ("
        + OracleDatabase.IMAGE.asCanonicalNameString() + ") to test against";
    System.out.println("[async-oracle] " + context.getDisplayName() + " " + reason);
    return ConditionEvaluationResult.disabled(reason);
  }
}
