package io.asyncoracle.internal;

import io.asyncoracle.InvalidArgumentException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The names of the pools open in this JVM: each is unique until its pool is destroyed. */
final class PoolNames {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Set<String> IN_USE = ConcurrentHashMap.newKeySet();

  private PoolNames() {}

  /**
   * Reserves the requested name, or a new {@code async-oracle-N} one when none is requested.
   *
   * @throws InvalidArgumentException when the requested name is in use
   */
  static String reserve(String requested) {
    if (requested != null) {
      if (!IN_USE.add(requested)) {
        throw new InvalidArgumentException("poolName", "a pool named '" + requested + "' is already open in this JVM");
      }
      return requested;
    }
    while (true) {
      String candidate = "async-oracle-" + SEQUENCE.incrementAndGet();
      if (IN_USE.add(candidate)) {
        return candidate;
      }
    }
  }

  /** Frees a name (its pool is destroyed, or was never created). */
  static void free(String name) {
    IN_USE.remove(name);
  }
}
