package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.PoolOptions;

/**
 * Customizes the options of the auto-configured pool for what {@code async-oracle.*} properties
 * cannot express: a worker or callback executor, a {@link io.asyncoracle.PoolListener}, driver
 * connection properties, a type handler, and so on, without replacing the {@code AsyncPool} bean.
 *
 * <p>Every bean of this type is applied, in {@link org.springframework.core.annotation.Order @Order}
 * / {@link org.springframework.core.Ordered} order, after the properties and the connection details
 * are applied, so a customizer can override any of them. A listener set here is combined with the
 * {@code PoolListener} beans (the metrics listener among them) rather than replacing them.
 *
 * <pre>{@code
 * @Bean
 * AsyncPoolOptionsCustomizer callbacksOnOurExecutor(Executor applicationExecutor) {
 *   return builder -> builder.callbackExecutor(applicationExecutor)
 *       .connectionProperty("oracle.net.CONNECT_TIMEOUT", "5000");
 * }
 * }</pre>
 */
@FunctionalInterface
public interface AsyncPoolOptionsCustomizer {

  /**
   * Customizes the builder of the pool's options.
   *
   * @param builder the builder, with the properties already applied
   */
  void customize(PoolOptions.Builder builder);
}
