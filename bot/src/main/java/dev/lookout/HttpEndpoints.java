package dev.lookout;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lookout.store.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;

/**
 * {@code /healthz} (gateway, database, last successful Google call), {@code /metrics} (Prometheus)
 * and, when sources are configured, {@code /intake/...} (alerts from other systems) on {@code
 * $PORT}, which Cloud Run needs when the bot itself runs there.
 */
public final class HttpEndpoints implements AutoCloseable {
  private final HttpServer server;

  public HttpEndpoints(
      int port,
      Supplier<JDA> jda,
      Database database,
      Supplier<java.util.Optional<java.time.Instant>> lastGoogleSuccess,
      Supplier<String> role,
      Supplier<String> instance,
      PrometheusMeterRegistry registry,
      java.util.Optional<com.sun.net.httpserver.HttpHandler> intake) {
    try {
      server = HttpServer.create(new InetSocketAddress(port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port + " (PORT)", e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/healthz",
        exchange -> {
          JDA j = jda.get();
          String r = role.get();
          boolean standby = r.equals("standby");
          // A standby holds no gateway session by design; it is healthy while it can take over.
          String gateway = standby ? "STANDBY" : j == null ? "STARTING" : j.getStatus().name();
          boolean gatewayOk = standby || (j != null && j.getStatus() == JDA.Status.CONNECTED);
          boolean databaseOk = database.ping();
          boolean ok = gatewayOk && databaseOk && (standby || r.equals("leader"));
          String google = lastGoogleSuccess.get().map(Object::toString).orElse("never");
          String body =
              String.format(
                  "{\"status\":\"%s\",\"role\":\"%s\",\"instance\":\"%s\",\"gateway\":\"%s\","
                      + "\"database\":\"%s\",\"last_google_success\":\"%s\"}",
                  ok ? "ok" : "unavailable",
                  r,
                  instance.get().replace("\"", ""),
                  gateway,
                  databaseOk ? "ok" : "failing",
                  google);
          send(exchange, ok ? 200 : 503, "application/json", body);
        });
    server.createContext(
        "/metrics",
        exchange ->
            send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    intake.ifPresent(handler -> server.createContext("/intake/", handler));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
