package io.asyncoracle;

import java.util.List;

/**
 * A step of a {@link Pipeline} run without {@code continueOnError} failed: the pipeline's future
 * fails with this exception, which names the step. The steps after it did not run. Its cause is
 * the step's own error (a {@link DatabaseException}, say).
 */
public class PipelineException extends AsyncOracleException {

  private static final long serialVersionUID = 1L;

  /** The failed step's index. */
  private final int stepIndex;
  /** The failed step's kind. */
  private final PipelineOperation operation;
  /** Results of the steps before the failed one. */
  private final transient List<PipelineResult> completed;

  /**
   * Creates the exception.
   *
   * @param stepIndex the failed step's position, from 0
   * @param operation the failed step's kind
   * @param stepCount how many steps the pipeline had
   * @param cause the step's error
   * @param completed results of the steps that ran before it
   */
  public PipelineException(int stepIndex, PipelineOperation operation, int stepCount, AsyncOracleException cause,
      List<PipelineResult> completed) {
    super("pipeline step " + stepIndex + " of " + stepCount + " (" + operation + ") failed: " + cause.getMessage(),
        cause);
    this.stepIndex = stepIndex;
    this.operation = operation;
    this.completed = List.copyOf(completed);
  }

  /**
   * The failed step's position in the pipeline, from 0.
   *
   * @return the index
   */
  public int stepIndex() {
    return stepIndex;
  }

  /**
   * The failed step's kind.
   *
   * @return the kind
   */
  public PipelineOperation operation() {
    return operation;
  }

  /**
   * The results of the steps that ran before the failed one. Their effects stay in the transaction
   * (a commit step among them committed them); the failed step's own work is rolled back by the
   * database as any failed statement is.
   *
   * @return the results, in order
   */
  public List<PipelineResult> completed() {
    return completed;
  }

  /**
   * The failed step's error.
   *
   * @return the cause
   */
  public AsyncOracleException stepError() {
    return (AsyncOracleException) getCause();
  }
}
