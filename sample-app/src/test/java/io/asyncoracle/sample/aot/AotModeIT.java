package io.asyncoracle.sample.aot;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.sample.Http;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged application in AOT mode on the JVM: the build ran {@code spring-boot:process-aot}
 * (bean definitions generated as code, as a native image needs), and here the repackaged jar is
 * started with {@code -Dspring.aot.enabled=true} in its own JVM and answers requests through the
 * whole stack: web, validation, the starter's pool, its observations and metrics, H2.
 */
class AotModeIT {

  private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

  private Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.toHandle().destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void theAotProcessedJarStartsAndServesOrders() throws Exception {
    Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar"));
    assertThat(jar).as("the repackaged jar (run through failsafe after package)").exists();
    Http http = start(jar);
    assertThat(output).as("Spring Boot says it runs the AOT-processed application")
        .anyMatch(line -> line.contains("Starting AOT-processed SampleApplication"));

    Http.Response created = http.post("/api/orders", """
        {"reference": "AOT-1", "customer": "Grace Hopper",
         "items": [{"sku": "KB-101", "quantity": 2, "unitPrice": 49.90}]}""");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("id").asLong();

    Http.Response read = http.get("/api/orders/" + id);
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.json().get("customer").asText()).isEqualTo("Grace Hopper");

    Http.Response invalid = http.post("/api/orders", "{\"customer\": \"\", \"items\": []}");
    assertThat(invalid.status()).as("bean validation works in AOT mode: %s", invalid.body()).isEqualTo(400);

    Http.Response health = http.get("/actuator/health");
    assertThat(health.status()).as(health.body()).isEqualTo(200);
    assertThat(health.json().at("/components/async-oracle/status").asText()).isEqualTo("UP");

    Http.Response calls = http.get("/actuator/metrics/db.client.operation.duration");
    assertThat(calls.status()).as("database call observations in AOT mode: %s", calls.body()).isEqualTo(200);
    assertThat(calls.body()).contains("db.operation.name");
  }

  private Http start(Path jar) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Dspring.aot.enabled=true", "-jar", jar.toString(),
        "--server.port=0", "--sample.seed-orders=0", "--spring.main.banner-mode=off"));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          output.add(line);
        }
      } catch (IOException e) {
        output.add("(output closed: " + e + ")");
      }
    }, "aot-app-output");
    reader.setDaemon(true);
    reader.start();
    Matcher port = PORT.matcher(awaitLog("Tomcat started on port"));
    assertThat(port.find()).isTrue();
    return new Http(Integer.parseInt(port.group(1)));
  }

  private String awaitLog(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      for (String line : output) {
        if (line.contains(text)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no log line with '" + text + "'; output:\n" + String.join("\n", output));
  }
}
