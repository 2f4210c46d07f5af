package io.asyncoracle.bench.contender;

import io.asyncoracle.VirtualThreads;
import java.util.List;

/**
 * The contenders of a run, in table order. This is the extension point: to benchmark another way of
 * reaching the database (for example the starter's {@code AsyncOracleTemplate}), implement
 * {@link Contender} and add it to {@link #all()}. The first entry is threaded sync, the baseline of
 * the "x sync" ratios; the headline ratios are to the fastest {@link Contender#peer() peer} of the
 * same run, wherever it sits in the list.
 */
public final class Contenders {

  private Contenders() {
  }

  /**
   * Every contender of the main table: threaded sync (the baseline) first, then async-oracle and
   * the starter's template, the four peers (the last one, virtual threads + HikariCP, needs Java
   * 21+ and says so on 17), and the dedicated-connections reference.
   *
   * @return the contenders
   */
  public static List<Contender> all() {
    return List.of(
        new ThreadedSyncContender(),
        new AsyncOracleContender(),
        new AsyncOracleTemplateContender(),
        new HikariFuturesContender(),
        new SpringAsyncContender(),
        new VertxContender(),
        new VirtualThreadsHikariContender(),
        new DedicatedConnectionsContender());
  }

  /**
   * Variants of async-oracle that show where its time goes (the diagnostics table): each changes
   * one thing from the defaults; plus the threaded-sync code on HikariCP, to show what UCP's own
   * borrow costs on this database, and (Java 21+) on virtual threads over UCP, the blocking driver
   * on async-oracle's pool with one virtual thread per caller.
   *
   * @return the variants
   */
  public static List<Contender> asyncOracleVariants() {
    List<Contender> variants = new java.util.ArrayList<>(List.of(
        new HikariThreadsContender(),
        new AsyncOracleContender("async-oracle: no borrow validation", "validateOnBorrow(false)",
            AsyncOracleContender.Style.WITH_CONNECTION, b -> b.validateOnBorrow(false)),
        new AsyncOracleContender("async-oracle: callbacks on the common pool",
            "callbackExecutor(ForkJoinPool.commonPool()): one hand-off per completion, as before the fast path",
            AsyncOracleContender.Style.WITH_CONNECTION, b -> b.callbackExecutor(java.util.concurrent.ForkJoinPool.commonPool()))));
    if (Runtime.version().feature() >= 21) {
      // Virtual-thread workers exist from Java 21 only; on 17 the variant has nothing to measure.
      variants.add(new AsyncOracleContender("async-oracle: virtual-thread workers", "virtualThreads(ENABLED)",
          AsyncOracleContender.Style.WITH_CONNECTION, b -> b.virtualThreads(VirtualThreads.ENABLED)));
      variants.add(new VirtualThreadsContender());
    }
    return List.copyOf(variants);
  }

  /**
   * Looks a contender up by name, among the main ones and the variants.
   *
   * @param name the name, case-insensitive
   * @return the contender
   * @throws IllegalArgumentException if there is none
   */
  public static Contender named(String name) {
    return java.util.stream.Stream.concat(all().stream(), asyncOracleVariants().stream())
        .filter(c -> c.name().equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no contender named '" + name + "'"));
  }
}
