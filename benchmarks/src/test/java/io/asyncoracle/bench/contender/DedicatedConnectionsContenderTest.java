package io.asyncoracle.bench.contender;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncoracle.bench.db.DatabaseTarget;
import io.asyncoracle.bench.workload.Call;
import io.asyncoracle.bench.workload.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The dedicated-connections reference against an in-process H2 database: each caller thread runs
 * every call on one connection of its own, the connections outlive the threads (the harness starts
 * new callers every window), and more callers than the pool size are declined up front.
 */
class DedicatedConnectionsContenderTest {

  /** Which session answers, and whether it autocommits: H2's own view of the connection. */
  private static final Call WHO = new Call(Call.Kind.QUERY_ROW, "SELECT SESSION_ID(), AUTOCOMMIT() FROM DUAL",
      new Object[0], null);

  private final DatabaseTarget target = new DatabaseTarget(
      "jdbc:h2:mem:dedicated-" + System.nanoTime() + ";MODE=Oracle;DB_CLOSE_DELAY=-1", "sa", "", false);
  private final DedicatedConnectionsContender contender = new DedicatedConnectionsContender();

  private ContenderContext context(int callers, int poolSize) {
    return new ContenderContext(target, poolSize, Duration.ofMillis(200), Workload.FAST_QUERY, callers);
  }

  @Test
  void isAReferenceNotAPeer() {
    assertThat(contender.peer()).isFalse();
    assertThat(Contenders.all().get(0).name()).isEqualTo("threaded sync");
    assertThat(Contenders.all()).anyMatch(c -> c instanceof DedicatedConnectionsContender);
    assertThat(Contenders.all()).filteredOn(Contender::peer).extracting(Contender::name)
        .containsExactly("HikariCP + supplyAsync", "JdbcTemplate + @Async", "Vert.x JDBC client",
            "virtual threads + HikariCP");
  }

  @Test
  void declinesMoreCallersThanThePoolSizeEveryoneElseGets() {
    assertThat(contender.notApplicable(context(8, 8))).isEmpty();
    assertThat(contender.notApplicable(context(10_000, 8))).hasValueSatisfying(reason -> assertThat(reason)
        .isEqualTo("one connection per caller: 10,000 callers would need 10,000 connections, every other contender "
            + "gets 8"));
  }

  @Test
  void eachCallerThreadRunsEveryCallOnItsOwnConnectionWithAutocommitOff() throws Exception {
    BlockingClient client = (BlockingClient) contender.open(context(2, 2));
    try {
      Map<String, Set<Object>> sessionsByThread = new ConcurrentHashMap<>();
      List<Object> autocommit = new CopyOnWriteArrayList<>();
      List<Throwable> errors = new CopyOnWriteArrayList<>();

      Set<Object> window1 = window(client, 2, 5, 0, sessionsByThread, autocommit, errors);
      Set<Object> window2 = window(client, 2, 5, 0, sessionsByThread, autocommit, errors);

      assertThat(errors).isEmpty();
      // Every thread saw one session for all its calls, and no two threads shared one.
      assertThat(sessionsByThread).hasSize(4).allSatisfy((thread, sessions) -> assertThat(sessions).hasSize(1));
      assertThat(window1).hasSize(2);
      // The next window's threads got the same two connections: nothing was opened per window.
      assertThat(window2).isEqualTo(window1);
      assertThat(autocommit).hasSize(20).containsOnly(false);
    } finally {
      client.close();
    }
  }

  @Test
  void aCallerBeyondTheOpenedConnectionsFailsRatherThanSharing() throws Exception {
    BlockingClient client = (BlockingClient) contender.open(context(1, 1));
    try {
      List<Throwable> errors = new CopyOnWriteArrayList<>();

      // Each thread keeps its connection for 600 ms, longer than a newcomer waits for one (200 ms).
      Set<Object> sessions = window(client, 2, 3, 600, new ConcurrentHashMap<>(), new CopyOnWriteArrayList<>(), errors);

      assertThat(sessions).hasSize(1);
      assertThat(errors).hasSize(3).allSatisfy(e -> assertThat(e).hasMessageContaining("no dedicated connection"));
    } finally {
      client.close();
    }
  }

  /**
   * Starts {@code threads} caller threads that make {@code calls} calls each and then stay alive for
   * {@code lingerMillis}, and waits for them to end.
   */
  private static Set<Object> window(BlockingClient client, int threads, int calls, long lingerMillis,
      Map<String, Set<Object>> byThread, List<Object> autocommit, List<Throwable> errors) throws InterruptedException {
    Set<Object> sessions = ConcurrentHashMap.newKeySet();
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = client.callerThreads().newThread(() -> {
        for (int call = 0; call < calls; call++) {
          try {
            Object[] row = (Object[]) client.execute(WHO);
            sessions.add(row[0]);
            byThread.computeIfAbsent(Thread.currentThread().getName(), n -> ConcurrentHashMap.newKeySet()).add(row[0]);
            autocommit.add(row[1]);
          } catch (Exception e) {
            errors.add(e);
          }
        }
        try {
          Thread.sleep(lingerMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      started.add(t);
      t.start();
    }
    for (Thread t : started) {
      t.join(10_000);
    }
    return sessions;
  }
}
