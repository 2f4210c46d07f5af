package io.asyncoracle.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches unless the application declares a bean of the type that injection by type would pick
 * for the primary (or only) pool: one marked {@code @Primary}, or any one when there is a single
 * pool. Beans the application declares for its other pools (a {@code replicaTemplate} next to a
 * primary pool) do not make the auto-configured one back off, as
 * {@code @ConditionalOnMissingBean} would; the auto-configured one is then {@code @Primary}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnNoDefaultBeanCondition.class)
@interface ConditionalOnNoDefaultBean {

  /**
   * The bean type.
   *
   * @return the type
   */
  Class<?> value();
}
