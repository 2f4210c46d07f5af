package io.asyncoracle;

/**
 * Converts each value bound to a statement on a connection before it reaches the driver: the
 * Java counterpart of python-oracledb's {@code inputtypehandler}. Return the value unchanged to
 * keep the default binding.
 */
@FunctionalInterface
public interface InputTypeHandler {

  /**
   * Converts one bound value.
   *
   * @param value the value the application passed, possibly {@code null}
   * @return the value to bind
   */
  Object convert(Object value);
}
