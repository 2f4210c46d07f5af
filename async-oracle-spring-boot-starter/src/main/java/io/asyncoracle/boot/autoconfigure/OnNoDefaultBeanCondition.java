package io.asyncoracle.boot.autoconfigure;

import io.asyncoracle.AsyncPool;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.MethodMetadata;

/** The condition behind {@link ConditionalOnNoDefaultBean}. */
final class OnNoDefaultBeanCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Class<?> type = (Class<?>) metadata.getAnnotationAttributes(ConditionalOnNoDefaultBean.class.getName())
        .get("value");
    ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
    String own = metadata instanceof MethodMetadata method ? method.getMethodName() : null;
    List<String> declared = new ArrayList<>();
    for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
      if (!name.equals(own)) {
        declared.add(name);
      }
    }
    String what = type.getSimpleName();
    if (declared.isEmpty()) {
      return ConditionOutcome.match("no " + what + " declared");
    }
    for (String name : declared) {
      BeanDefinition definition = beanFactory.containsBeanDefinition(name) ? beanFactory.getBeanDefinition(name) : null;
      if (definition != null && definition.isPrimary()) {
        return ConditionOutcome.noMatch("the application declares the primary " + what + " '" + name + "'");
      }
    }
    if (beanFactory.getBeanNamesForType(AsyncPool.class, true, false).length <= 1) {
      return ConditionOutcome.noMatch("the application declares " + what + " " + declared + " for its only pool");
    }
    return ConditionOutcome.match("the application's " + what + " " + declared
        + " are for other pools than the primary (none is @Primary)");
  }
}
