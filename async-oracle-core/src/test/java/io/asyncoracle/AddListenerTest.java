package io.asyncoracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listeners added to a pool that is already open (what a framework does to a pool it did not create). */
class AddListenerTest {

  private AsyncPool pool;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close(true, true).join();
    }
  }

  @Test
  void aListenerAddedAfterCreationReceivesEvents() {
    pool = TestDatabases.pool(1);
    Recording added = new Recording();
    pool.addListener(added);
    pool.withConnection(c -> c.fetchOne("select 1 from dual")).join();
    assertThat(added.events).containsExactly("acquire", "release");
  }

  @Test
  void everyListenerGetsEachEventEvenWhenAnotherThrows() {
    Recording fromOptions = new Recording();
    pool = AsyncOracle.createPool(TestDatabases.options().max(1).listener(fromOptions).build()).join();
    Recording first = new Recording();
    Recording second = new Recording();
    pool.addListener(new PoolListener() {
      @Override
      public void onAcquire(Duration waited) {
        throw new IllegalStateException("listener bug");
      }
    });
    pool.addListener(first);
    pool.addListener(second);
    pool.withConnection(c -> c.fetchOne("select 1 from dual")).join();
    assertThat(fromOptions.events).containsExactly("acquire", "release");
    assertThat(first.events).containsExactly("acquire", "release");
    assertThat(second.events).containsExactly("acquire", "release");
  }

  @Test
  void refusesNull() {
    pool = TestDatabases.pool(1);
    assertThatNullPointerException().isThrownBy(() -> pool.addListener(null));
  }

  private static final class Recording implements PoolListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onAcquire(Duration waited) {
      events.add("acquire");
    }

    @Override
    public void onRelease(Duration used) {
      events.add("release");
    }
  }
}
