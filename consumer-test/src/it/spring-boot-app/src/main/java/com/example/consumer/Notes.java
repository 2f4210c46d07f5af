package com.example.consumer;

import io.asyncoracle.boot.template.AsyncOracleTemplate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/** User code against the published API: the template, Spring's RowMapper, named parameters. */
@Service
public class Notes {

  /** One row of the notes table. */
  public record Note(long id, String text) {}

  private final AsyncOracleTemplate template;

  public Notes(AsyncOracleTemplate template) {
    this.template = template;
  }

  public CompletableFuture<Integer> createTable() {
    return template.update("create table notes (id number(10) primary key, text varchar2(200) not null)");
  }

  public CompletableFuture<Integer> add(long id, String text) {
    return template.update("insert into notes (id, text) values (:id, :text)", Map.of("id", id, "text", text));
  }

  public CompletableFuture<List<Note>> containing(String word) {
    return template.query("select id, text from notes where text like :pattern order by id",
        Map.of("pattern", "%" + word + "%"), (rs, rowNum) -> new Note(rs.getLong("id"), rs.getString("text")));
  }
}
