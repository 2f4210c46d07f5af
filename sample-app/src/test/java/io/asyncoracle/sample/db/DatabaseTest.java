package io.asyncoracle.sample.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseTest {

  @Test
  void tellsTheDatabaseFromTheUrl() {
    assertThat(Database.of("jdbc:h2:mem:x;MODE=Oracle")).isEqualTo(Database.H2);
    assertThat(Database.of("jdbc:oracle:thin:@//db:1521/FREEPDB1")).isEqualTo(Database.ORACLE);
    assertThat(Database.ORACLE.sleepProcedure()).isEqualTo("dbms_session.sleep");
  }

  @Test
  void refusesOtherDatabasesWithoutEchoingTheUrl() {
    assertThatThrownBy(() -> Database.of("jdbc:postgresql://db/app?password=secret"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the sample runs on H2 or Oracle, not on jdbc:postgresql");
  }
}
