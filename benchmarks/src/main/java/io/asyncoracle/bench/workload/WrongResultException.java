package io.asyncoracle.bench.workload;

/** A contender answered, but not with the right answer: it counts as a failure. */
public final class WrongResultException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was expected and what came back
   */
  public WrongResultException(String message) {
    super(message);
  }
}
