package io.asyncoracle.sample.order;

import java.util.List;

/**
 * An import batch breaks a rule that bean validation cannot see, such as a reference given twice;
 * the API answers 400.
 */
public class InvalidImportException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> duplicateReferences;

  /**
   * Creates the exception.
   *
   * @param duplicateReferences the references that occur more than once in the batch
   */
  public InvalidImportException(List<String> duplicateReferences) {
    super("The batch holds these references more than once: " + duplicateReferences);
    this.duplicateReferences = List.copyOf(duplicateReferences);
  }

  /**
   * Returns the references that occur more than once.
   *
   * @return the references
   */
  public List<String> duplicateReferences() {
    return duplicateReferences;
  }
}
