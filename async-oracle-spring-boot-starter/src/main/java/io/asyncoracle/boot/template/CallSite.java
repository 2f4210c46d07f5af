package io.asyncoracle.boot.template;

/**
 * Where the application made a call, captured on its thread when it made it, and attached as a
 * suppressed exception to the call's failure ({@code async-oracle.diagnostics.capture-call-site}).
 * The failure itself is raised on a pool thread, whose stack shows only the pool's frames.
 */
final class CallSite extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Frames of these classes (and their nested ones) at the top of the stack are the library's own: dropped. */
  private static final java.util.Set<String> OWN_CLASSES = java.util.Set.of(
      CallSite.class.getName(), AbstractAsyncOracleOperations.class.getName(), AsyncOracleTemplate.class.getName(),
      BoundTransaction.class.getName(), "io.asyncoracle.boot.client.AsyncOracleClient",
      "io.asyncoracle.boot.client.DefaultAsyncOracleClient");

  CallSite(String task) {
    super(task + " was called here (async-oracle.diagnostics.capture-call-site)");
    StackTraceElement[] frames = getStackTrace();
    int first = 0;
    while (first < frames.length - 1 && isOwn(frames[first])) {
      first++;
    }
    if (first > 0) {
      setStackTrace(java.util.Arrays.copyOfRange(frames, first, frames.length));
    }
  }

  private static boolean isOwn(StackTraceElement frame) {
    String name = frame.getClassName();
    int nested = name.indexOf('$');
    return OWN_CLASSES.contains(nested < 0 ? name : name.substring(0, nested));
  }
}
