package io.asyncoracle.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port, on the embedded H2 default, with a small sample data
 * set. Every test class carrying it shares one application context (Spring's test context cache).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"sample.seed-orders=" + SampleAppTest.SEED_ORDERS, "async-oracle.pool-name=sample-test-pool"})
public @interface SampleAppTest {

  /** Orders created at startup, referenced SEED-000001 and up. */
  int SEED_ORDERS = 60;
}
