package io.asyncoracle.boot.observation;

import io.asyncoracle.CallObserver;
import io.asyncoracle.DatabaseCall;
import io.asyncoracle.ObservedCall;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.util.ClassUtils;

/**
 * A {@link CallObserver} that makes each database call a Micrometer {@link Observation}
 * ({@link AsyncOracleObservationDocumentation#DB_CLIENT_OPERATION}).
 *
 * <p>The observation is created and started on the caller's thread, so its parent is the caller's
 * current observation (the web request, say), and the caller's thread locals (the SLF4J MDC, the
 * current observation, whatever else is registered with context-propagation) are captured there.
 * On the worker that runs the JDBC work, both are made current (the MDC then carries the caller's
 * trace id, and the tracing bridge puts this call's span in scope), and undone when the work
 * returns. The observation stops when the call's outcome is known, before the caller's callbacks
 * run; those run with the caller's context restored.
 */
public class ObservationCallObserver implements CallObserver {

  private static final boolean SLF4J_PRESENT =
      ClassUtils.isPresent("org.slf4j.MDC", ObservationCallObserver.class.getClassLoader());
  private static final AsyncOracleObservationConvention DEFAULT_CONVENTION = new DefaultAsyncOracleObservationConvention();

  private final ObservationRegistry registry;
  private final AsyncOracleObservationConvention customConvention;
  private final AsyncOracleObservationConvention defaultConvention;
  private final ContextSnapshotFactory snapshots;

  /**
   * Creates the observer with the default convention.
   *
   * @param registry the registry the observations go to
   */
  public ObservationCallObserver(ObservationRegistry registry) {
    this(registry, null, DEFAULT_CONVENTION);
  }

  /**
   * Creates the observer.
   *
   * @param registry the registry the observations go to
   * @param customConvention a convention that replaces the default one, or {@code null}
   * @param defaultConvention the convention used when the registry configures none
   */
  public ObservationCallObserver(ObservationRegistry registry, AsyncOracleObservationConvention customConvention,
      AsyncOracleObservationConvention defaultConvention) {
    this.registry = registry;
    this.customConvention = customConvention;
    this.defaultConvention = defaultConvention;
    this.snapshots = snapshotFactory();
  }

  /**
   * Every accessor registered globally (the observation accessor is found by {@code ServiceLoader}),
   * plus the SLF4J MDC when it is not registered already. A registry of our own keeps the global
   * one unchanged.
   */
  private static ContextSnapshotFactory snapshotFactory() {
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
    // clearMissing: a worker must not lend its own leftovers (another request's MDC) to this call.
    return ContextSnapshotFactory.builder().contextRegistry(registry).clearMissing(true).build();
  }

  @Override
  public ObservedCall start(DatabaseCall call) {
    if (registry.isNoop()) {
      return null;
    }
    AsyncOracleObservationContext context = new AsyncOracleObservationContext(call);
    // Created here, on the caller's thread: the caller's current observation becomes the parent.
    Observation observation = AsyncOracleObservationDocumentation.DB_CLIENT_OPERATION
        .observation(customConvention, defaultConvention, () -> context, registry);
    if (observation.isNoop()) {
      return null;
    }
    observation.start();
    return new Call(observation, context, snapshots.captureAll());
  }

  /** One call's observation and the caller's context. */
  private static final class Call implements ObservedCall {
    private final Observation observation;
    private final AsyncOracleObservationContext context;
    private final ContextSnapshot caller;
    private final AtomicBoolean stopped = new AtomicBoolean();

    Call(Observation observation, AsyncOracleObservationContext context, ContextSnapshot caller) {
      this.observation = observation;
      this.context = context;
      this.caller = caller;
    }

    @Override
    public Scope openScope() {
      ContextSnapshot.Scope restored = caller.setThreadLocals();
      Observation.Scope scope = observation.openScope();
      return () -> {
        scope.close();
        restored.close();
      };
    }

    @Override
    public Scope restoreCallerContext() {
      ContextSnapshot.Scope restored = caller.setThreadLocals();
      return restored::close;
    }

    @Override
    public void stop(long rowCount, Throwable error) {
      if (!stopped.compareAndSet(false, true)) {
        return;
      }
      context.setRowCount(rowCount);
      if (error != null) {
        observation.error(error);
      }
      observation.stop();
    }
  }
}
