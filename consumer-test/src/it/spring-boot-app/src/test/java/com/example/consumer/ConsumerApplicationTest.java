package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.AsyncPool;
import io.asyncoracle.boot.template.AsyncOracleTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application starts from the installed starter and five lines of application.yml (no URL: the
 * embedded H2 in Oracle mode), answers queries through AsyncOracleTemplate, observes and meters
 * them, and reports the pool in its health.
 */
@SpringBootTest
class ConsumerApplicationTest {

  @Autowired
  Notes notes;

  @Autowired
  AsyncOracleTemplate template;

  @Autowired
  HealthEndpoint healthEndpoint;

  @Autowired
  MeterRegistry meterRegistry;

  @Test
  void answersQueriesThroughTheTemplate() throws Exception {
    assertThat(template.queryForObject("select 'async ' || ? from dual", String.class, "oracle")
        .get(30, TimeUnit.SECONDS)).isEqualTo("async oracle");

    notes.createTable().get(30, TimeUnit.SECONDS);
    notes.add(1, "one dependency").get(30, TimeUnit.SECONDS);
    notes.add(2, "five lines of yaml").get(30, TimeUnit.SECONDS);
    notes.add(3, "another dependency").get(30, TimeUnit.SECONDS);

    assertThat(notes.containing("dependency").get(30, TimeUnit.SECONDS))
        .containsExactly(new Notes.Note(1, "one dependency"), new Notes.Note(3, "another dependency"));

    // Actuator brings an ObservationRegistry: each call is observed, and the pool is metered.
    assertThat(meterRegistry.find("db.client.operation.duration").timers())
        .isNotEmpty();
    assertThat(meterRegistry.find("async.oracle.pool.connections.opened").tag("pool", "consumer-pool").gauge())
        .isNotNull();
  }

  @Test
  void reportsThePoolInHealth() {
    HealthDescriptor overall = healthEndpoint.health();
    assertThat(overall.getStatus()).isEqualTo(Status.UP);

    HealthDescriptor pool = healthEndpoint.healthForPath("async-oracle");
    assertThat(pool).isInstanceOf(IndicatedHealthDescriptor.class);
    IndicatedHealthDescriptor indicated = (IndicatedHealthDescriptor) pool;
    assertThat(indicated.getStatus()).isEqualTo(Status.UP);
    assertThat(indicated.getDetails())
        .containsEntry("pool", "consumer-pool")
        .containsEntry("min", 1)
        .containsEntry("max", 4)
        .containsEntry("database", "H2")
        .containsKeys("opened", "busy", "idle", "waiting", "ping")
        // The URL's host and service name only with async-oracle.health.show-url=true.
        .doesNotContainKey("url");
    assertThat(String.valueOf(indicated.getDetails().get("ping"))).startsWith("ok");
  }

  @Test
  void jarsCarryTheirModuleNames() throws Exception {
    assertThat(moduleNameOfJarHolding(AsyncPool.class)).isEqualTo("io.asyncoracle");
    assertThat(moduleNameOfJarHolding(AsyncOracleTemplate.class)).isEqualTo("io.asyncoracle.boot");
  }

  private static String moduleNameOfJarHolding(Class<?> type) throws Exception {
    Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(jar.getFileName().toString()).endsWith(".jar");
    Set<ModuleReference> modules = ModuleFinder.of(jar).findAll();
    assertThat(modules).hasSize(1);
    ModuleReference module = modules.iterator().next();
    assertThat(module.descriptor().isAutomatic()).isTrue();
    return module.descriptor().name();
  }
}
