package io.asyncoracle.sample.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.asyncoracle.sample.SampleAppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The sample data at startup, and a second start against the same database. */
@SampleAppTest
class SampleDataInitializerTest {

  @Autowired
  SampleDataInitializer initializer;

  @Autowired
  AsyncOracleTemplate template;

  @Test
  void startupCreatedTheSampleOrders() {
    assertThat(template.queryForObject("select count(*) from orders where reference like 'SEED-%'", Long.class).join())
        .isEqualTo(SampleAppTest.SEED_ORDERS);
    assertThat(template.queryForObject("select count(*) from order_items i join orders o on o.id = i.order_id"
        + " where o.reference like 'SEED-%'", Long.class).join())
        .isBetween((long) SampleAppTest.SEED_ORDERS, 5L * SampleAppTest.SEED_ORDERS);
  }

  @Test
  void runningAgainOnExistingDataChangesNothing() {
    long orders = template.queryForObject("select count(*) from orders", Long.class).join();

    initializer.initialize().join();

    assertThat(template.queryForObject("select count(*) from orders", Long.class).join()).isEqualTo(orders);
  }

  @Test
  void theSampleDataIsTheSameEveryTime() {
    assertThat(SampleData.generate(20)).isEqualTo(SampleData.generate(20));
    assertThat(SampleData.generate(3).get(2).reference()).isEqualTo("SEED-000003");
  }
}
