package io.asyncoracle.boot;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Runs a startup failure through the {@link FailureAnalyzer}s registered in
 * {@code META-INF/spring.factories}, as Spring Boot does, so tests see the report a user sees.
 */
public final class FailureReports {

  private FailureReports() {
  }

  /**
   * Returns the first analysis any registered analyzer gives, in Boot's order.
   *
   * @param failure the startup failure
   * @return the analysis, or {@code null} if none applies
   */
  public static FailureAnalysis analyze(Throwable failure) {
    var analyzers = SpringFactoriesLoader.forDefaultResourceLocation(FailureReports.class.getClassLoader())
        .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.logging(
            org.apache.commons.logging.LogFactory.getLog(FailureReports.class)));
    for (FailureAnalyzer analyzer : analyzers) {
      FailureAnalysis analysis = analyzer.analyze(failure);
      if (analysis != null) {
        return analysis;
      }
    }
    return null;
  }
}
