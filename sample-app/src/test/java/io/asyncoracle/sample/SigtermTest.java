package io.asyncoracle.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The application in its own JVM, stopped with SIGTERM (what Ctrl-C and {@code docker stop} send)
 * while a slow database call runs: every JVM shutdown hook runs, not only Spring's, so this is
 * what a user really sees.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Process.destroy() sends SIGTERM only on Unix")
class SigtermTest {

  private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

  private Process process;
  private Thread reader;
  private final List<String> output = new CopyOnWriteArrayList<>();

  @AfterEach
  void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Test
  void aCallRunningAtSigtermFinishesBeforeTheJvmExits() throws Exception {
    Http http = start();
    CompletableFuture<Http.Response> call = http.getAsync("/api/slow?seconds=7");
    awaitLog("Slow call: the database sleeps 7 s");
    awaitBusy(http);

    // Through the handle: Process.destroy() would also close the output stream the test still reads.
    process.toHandle().destroy();

    Http.Response response = call.get(30, TimeUnit.SECONDS);
    assertThat(response.status()).as(String.join("\n", output)).isEqualTo(200);
    assertThat(response.json().get("elapsedMillis").asLong()).isGreaterThanOrEqualTo(7_000);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    awaitAllOutput();
    assertThat(output).anyMatch(line -> line.contains("closing (GRACEFUL"));
  }

  @Test
  void interruptModeEndsTheCallAndTheJvmAtOnce() throws Exception {
    Http http = start("--async-oracle.shutdown.mode=interrupt", "--server.shutdown=immediate");
    http.getAsync("/api/slow?seconds=60");
    awaitLog("Slow call: the database sleeps 60 s");
    awaitBusy(http);
    long start = System.nanoTime();

    // Through the handle: Process.destroy() would also close the output stream the test still reads.
    process.toHandle().destroy();

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    awaitAllOutput();
    assertThat(output).anyMatch(line -> line.contains("closing (INTERRUPT)"));
    assertThat(output).anyMatch(line -> line.contains("Slow call of 60 s failed"));
  }

  private Http start(String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        SampleApplication.class.getName(), "--server.port=0", "--sample.seed-orders=0", "--spring.main.banner-mode=off"));
    command.addAll(List.of(args));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          output.add(line);
        }
      } catch (IOException e) {
        output.add("(output closed: " + e + ")");
      }
    }, "sample-app-output");
    reader.setDaemon(true);
    reader.start();
    String started = awaitLog("Tomcat started on port");
    Matcher port = PORT.matcher(started);
    assertThat(port.find()).isTrue();
    return new Http(Integer.parseInt(port.group(1)));
  }

  /** Waits until the call holds its connection, as the application's health endpoint reports. */
  private void awaitBusy(Http http) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Http.Response health = http.get("/actuator/health");
      if (health.status() == 200 && health.json().at("/components/async-oracle/details/busy").asInt() >= 1) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the slow call never held a connection; output:\n" + String.join("\n", output));
  }

  /** The process has exited; its last lines may still be on their way through the pipe. */
  private void awaitAllOutput() throws InterruptedException {
    reader.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(reader.isAlive()).as("the output reader reached the end of the output").isFalse();
  }

  private String awaitLog(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
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
