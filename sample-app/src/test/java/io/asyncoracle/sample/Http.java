package io.asyncoracle.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests: real requests to the application's port. */
public final class Http {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  /**
   * Creates a client for the application on a port of this machine.
   *
   * @param port the port
   */
  public Http(int port) {
    this.base = "http://localhost:" + port;
  }

  /** A response, its body read as text. */
  public record Response(int status, java.net.http.HttpHeaders headers, String body) {

    /** @return the body parsed as JSON */
    public JsonNode json() {
      return JSON.readTree(body);
    }

    /** @return the Content-Type header, or "" */
    public String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }
  }

  /** Sends a GET and waits for the answer. */
  public Response get(String path) {
    return send(request(path).GET());
  }

  /** Sends a DELETE and waits for the answer. */
  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  /** Sends a POST with a JSON body and waits for the answer. */
  public Response post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Sends a PUT with a JSON body and waits for the answer. */
  public Response put(String path, String json) {
    return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Sends a GET without waiting for the answer. */
  public CompletableFuture<Response> getAsync(String path) {
    return client.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> new Response(r.statusCode(), r.headers(), r.body()));
  }

  /** Sends a GET and returns the body as a stream, to read it at the test's pace. */
  public HttpResponse<java.io.InputStream> getStream(String path) {
    try {
      return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Serialises an object to JSON. */
  public static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
