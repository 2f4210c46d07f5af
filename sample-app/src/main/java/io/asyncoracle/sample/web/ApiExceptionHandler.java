package io.asyncoracle.sample.web;

import io.asyncoracle.sample.order.InvalidImportException;
import io.asyncoracle.sample.order.OrderNotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure into an RFC 9457 problem detail ({@code application/problem+json}).
 *
 * <ul>
 *   <li>Bad input is 400 with an {@code errors} list naming each field or parameter and what is
 *   wrong with it; the standard Spring MVC exceptions keep Spring's problem details.</li>
 *   <li>A missing order is 404; a reference that exists already, 409.</li>
 *   <li>Database failures are told apart by their Spring {@link DataAccessException} type (which
 *   the template translated them to): timeouts 504, an unavailable or closing pool 503, the rest
 *   500. Their messages hold SQL text and driver details, so they are logged, never returned.</li>
 * </ul>
 *
 * <p>Futures returned by the controllers fail with these exceptions; Spring MVC hands them here
 * like exceptions thrown by a handler.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  /**
   * A missing order.
   *
   * @param e the exception
   * @return 404
   */
  @ExceptionHandler(OrderNotFoundException.class)
  public ProblemDetail orderNotFound(OrderNotFoundException e) {
    ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "order-not-found", e.getMessage());
    problem.setProperty("orderId", e.orderId());
    return problem;
  }

  /**
   * An import batch with a reference twice.
   *
   * @param e the exception
   * @return 400 listing the references
   */
  @ExceptionHandler(InvalidImportException.class)
  public ProblemDetail invalidImport(InvalidImportException e) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request",
        "Each reference may occur once per import");
    problem.setProperty("errors", e.duplicateReferences().stream()
        .map(reference -> fieldError("orders[].reference", "duplicate reference " + reference))
        .toList());
    return problem;
  }

  /**
   * A unique key that exists already: the only unique key a client sets is the order reference.
   *
   * @param e the exception
   * @return 409
   */
  @ExceptionHandler(DuplicateKeyException.class)
  public ProblemDetail duplicateKey(DuplicateKeyException e) {
    LOG.info("Duplicate key: {}", rootMessage(e));
    return problem(HttpStatus.CONFLICT, "duplicate-reference",
        "An order with this reference exists already; nothing was written");
  }

  /**
   * Another constraint of the database refused the data.
   *
   * @param e the exception
   * @return 409
   */
  @ExceptionHandler(DataIntegrityViolationException.class)
  public ProblemDetail integrityViolation(DataIntegrityViolationException e) {
    LOG.warn("Constraint violation: {}", rootMessage(e));
    return problem(HttpStatus.CONFLICT, "constraint-violation",
        "The database refused the change because of a constraint; nothing was written");
  }

  /**
   * A call timeout cancelled the database call.
   *
   * @param e the exception
   * @return 504
   */
  @ExceptionHandler(QueryTimeoutException.class)
  public ProblemDetail queryTimeout(QueryTimeoutException e) {
    LOG.info("Database call timed out: {}", e.getMessage());
    return problem(HttpStatus.GATEWAY_TIMEOUT, "database-timeout",
        "The database call exceeded its call timeout and was cancelled");
  }

  /**
   * No connection in time, or the pool is closing.
   *
   * @param e the exception
   * @return 503 with {@code Retry-After}
   */
  @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
      TransientDataAccessException.class})
  public ResponseEntity<ProblemDetail> unavailable(DataAccessException e) {
    LOG.warn("Database unavailable: {}", rootMessage(e));
    ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
        "No database connection is available right now; try again shortly");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
  }

  /**
   * Any other database failure.
   *
   * @param e the exception
   * @return 500, without the SQL or the driver's message
   */
  @ExceptionHandler(DataAccessException.class)
  public ProblemDetail databaseError(DataAccessException e) {
    LOG.error("Database error", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "database-error", "The database could not complete the request");
  }

  /**
   * Anything unexpected.
   *
   * @param e the exception
   * @return 500, without details
   */
  @ExceptionHandler(RuntimeException.class)
  public ProblemDetail unexpected(RuntimeException e) {
    LOG.error("Unexpected error", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "The request could not be completed");
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<Map<String, Object>> errors = new ArrayList<>();
    ex.getBindingResult().getFieldErrors()
        .forEach(error -> errors.add(fieldError(error.getField(), message(error))));
    ex.getBindingResult().getGlobalErrors()
        .forEach(error -> errors.add(fieldError(error.getObjectName(), message(error))));
    return invalid(ex, errors, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<Map<String, Object>> errors = new ArrayList<>();
    for (ParameterValidationResult result : ex.getParameterValidationResults()) {
      if (result instanceof ParameterErrors beanErrors) {
        beanErrors.getFieldErrors().forEach(error -> errors.add(fieldError(error.getField(), message(error))));
        beanErrors.getGlobalErrors().forEach(error -> errors.add(fieldError(error.getObjectName(), message(error))));
      } else {
        String name = result.getMethodParameter().getParameterName();
        result.getResolvableErrors().forEach(error -> errors.add(fieldError(name, message(error))));
      }
    }
    return invalid(ex, errors, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = ex.getPropertyName() != null ? ex.getPropertyName() : "value";
    Class<?> type = ex.getRequiredType();
    String expected = type == null ? "a valid value"
        : type.isEnum() ? "one of " + Arrays.toString(type.getEnumConstants())
        : Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class) ? "a number"
        : "a valid value";
    String message = "must be " + expected + " (was '" + ex.getValue() + "')";
    return invalid(ex, List.of(fieldError(name, message)), headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unreadable-body", null);
    Throwable cause = ex.getCause();
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      Class<?> target = mismatch.getTargetType();
      String expected = target != null && target.isEnum()
          ? "must be one of " + Arrays.toString(target.getEnumConstants())
          : "has the wrong type" + (target == null ? "" : ", expected " + jsonType(target));
      problem.setDetail("A field of the JSON body has a value of the wrong type");
      problem.setProperty("errors", List.of(fieldError(path(mismatch), expected)));
    } else if (cause instanceof JacksonException) {
      problem.setDetail("The body is not valid JSON");
    } else {
      problem.setDetail("The request body is missing or cannot be read");
    }
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private ResponseEntity<Object> invalid(Exception ex, List<Map<String, Object>> unsorted, HttpHeaders headers,
      WebRequest request) {
    // Validation reports in no fixed order; sorted, the same request always gets the same answer.
    List<Map<String, Object>> errors = unsorted.stream()
        .sorted(Comparator.comparing((Map<String, Object> e) -> (String) e.get("field"))
            .thenComparing(e -> (String) e.get("message")))
        .toList();
    String detail = errors.size() == 1 ? "1 field or parameter is invalid"
        : errors.size() + " fields or parameters are invalid";
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", detail);
    problem.setProperty("errors", errors);
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /**
   * A problem of type {@code about:blank}, so its title is the status phrase (RFC 9457, 4.2.1); what
   * went wrong is in {@code detail}, and {@code code} names the case for programs.
   */
  private static ProblemDetail problem(HttpStatus status, String code, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setProperty("code", code);
    return problem;
  }

  private static Map<String, Object> fieldError(String field, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("field", field);
    error.put("message", message);
    return error;
  }

  private static String message(MessageSourceResolvable error) {
    return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String jsonType(Class<?> type) {
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Iterable.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
