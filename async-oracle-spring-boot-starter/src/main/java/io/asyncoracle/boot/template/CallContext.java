package io.asyncoracle.boot.template;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.springframework.util.ClassUtils;

/**
 * Captures the calling thread's context (the SLF4J MDC, the current Micrometer observation and
 * whatever else is registered with context-propagation) so a future can complete with it in place.
 *
 * <p>Why: a future completes on whichever thread finishes the work (one of the pool's threads, or
 * a thread that gave a connection back and so handed it to a waiting call), which knows nothing
 * of the request that made the call, or serves another one. Restoring the caller's thread locals
 * around the completion means the callbacks the caller chained (log lines, nested spans) see the
 * caller's context on any of them; the completing thread gets its own back afterwards.
 */
final class CallContext {

  private static final boolean SLF4J_PRESENT =
      ClassUtils.isPresent("org.slf4j.MDC", CallContext.class.getClassLoader());

  private final ContextSnapshotFactory snapshots;

  private CallContext(ContextSnapshotFactory snapshots) {
    this.snapshots = snapshots;
  }

  /**
   * Uses every accessor registered globally (the observation accessor is found by
   * {@code ServiceLoader}), plus the SLF4J MDC when it is not registered already. A registry of our
   * own keeps the global one unchanged.
   *
   * @return the context carrier
   */
  static CallContext create() {
    ContextRegistry global = ContextRegistry.getInstance();
    ContextRegistry registry = new ContextRegistry();
    global.getContextAccessors().forEach(registry::registerContextAccessor);
    boolean mdcRegistered = false;
    for (ThreadLocalAccessor<?> accessor : global.getThreadLocalAccessors()) {
      registry.registerThreadLocalAccessor(accessor);
      mdcRegistered |= Slf4jThreadLocalAccessor.KEY.equals(accessor.key());
    }
    if (SLF4J_PRESENT && !mdcRegistered) {
      registry.registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
    }
    // clearMissing: the completing thread must not lend its own MDC (another request's) to the callbacks.
    return new CallContext(ContextSnapshotFactory.builder().contextRegistry(registry).clearMissing(true).build());
  }

  /**
   * Captures the current thread's context.
   *
   * @return the snapshot, to restore with {@link ContextSnapshot#setThreadLocals()}
   */
  ContextSnapshot capture() {
    return snapshots.captureAll();
  }
}
