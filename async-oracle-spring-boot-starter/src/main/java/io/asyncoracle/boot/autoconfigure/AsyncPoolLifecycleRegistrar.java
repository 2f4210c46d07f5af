package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.shutdown.AsyncPoolLifecycle;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Registers one {@link AsyncPoolLifecycle} per {@link AsyncPool} bean (the auto-configured pool
 * and the application's own, e.g. a primary and a read replica), named
 * {@code <pool bean name>Lifecycle}, so every pool is closed on shutdown, each in the configured
 * {@code async-oracle.shutdown.*} mode.
 *
 * <p>Why a post-processor and not a {@code @Bean} method: the number of pools is known only once
 * every bean definition is in. An application that defines an {@code AsyncPoolLifecycle} itself
 * manages shutdown itself: then none is registered.
 */
final class AsyncPoolLifecycleRegistrar implements BeanFactoryPostProcessor {

  /** Suffix of the lifecycle's bean name. */
  static final String SUFFIX = "Lifecycle";

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
    if (!(beanFactory instanceof BeanDefinitionRegistry registry)) {
      return;
    }
    if (beanFactory.getBeanNamesForType(AsyncPoolLifecycle.class, true, false).length > 0) {
      return;
    }
    for (String poolName : beanFactory.getBeanNamesForType(AsyncPool.class, true, false)) {
      String name = poolName + SUFFIX;
      if (registry.containsBeanDefinition(name)) {
        continue;
      }
      // A static factory method with bean references, not an instance supplier: AOT can write it as code.
      RootBeanDefinition definition = new RootBeanDefinition(AsyncPoolLifecycleRegistrar.class);
      definition.setFactoryMethodName("lifecycle");
      definition.setTargetType(AsyncPoolLifecycle.class);
      definition.getConstructorArgumentValues().addIndexedArgumentValue(0, new RuntimeBeanReference(poolName));
      definition.getConstructorArgumentValues()
          .addIndexedArgumentValue(1, new RuntimeBeanReference(AsyncOracleProperties.class));
      definition.getConstructorArgumentValues().addIndexedArgumentValue(2, new RuntimeBeanReference("environment"));
      definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
      registry.registerBeanDefinition(name, definition);
    }
  }

  /**
   * The one place a pool's lifecycle is made from the properties.
   *
   * @param pool the pool
   * @param properties the properties
   * @param environment for the shutdown phase timeout the drain must fit in ({@link ShutdownTimeouts})
   * @return the lifecycle
   */
  static AsyncPoolLifecycle lifecycle(AsyncPool pool, AsyncOracleProperties properties,
      org.springframework.core.env.Environment environment) {
    AsyncPoolLifecycle.Mode mode = properties.getShutdown().getMode();
    return new AsyncPoolLifecycle(pool, mode, ShutdownTimeouts.drainTimeout(mode, properties.getShutdown().getTimeout(),
        ShutdownTimeouts.phaseTimeout(environment)));
  }
}
