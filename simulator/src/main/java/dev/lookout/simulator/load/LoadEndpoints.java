package dev.lookout.simulator.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lookout.simulator.model.ServiceModel;
import dev.lookout.simulator.model.SimulatedProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load endpoints the hackathon's services expose, per service under {@code /services/{name}}:
 * {@code /full/cpu}, {@code /full/ram}, {@code /full/enqueue}, {@code /sleep}, {@code
 * /state/cpu/{pct}} and {@code /state/ram/{pct}}, in query and path forms. Here they change the
 * simulated service; a real deployment of the same endpoints burns real CPU and memory.
 */
public final class LoadEndpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoadEndpoints.class);
  private static final long MAX_ENQUEUE = 100_000;
  private static final String ENDPOINTS =
      "/full/cpu?duration=, /full/ram?duration=, /full/enqueue?num=, /sleep?duration=,"
          + " /state/cpu/{pct}?duration=, /state/ram/{pct}?duration=, /full/cpu/duration/{d},"
          + " /full/ram/duration/{d}, /full/enque/{num}, /stop";

  private final SimulatedProject project;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper json = new ObjectMapper();

  public LoadEndpoints(SimulatedProject project, String host, int port) {
    this.project = project;
    try {
      this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
    }
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** An error a caller made, answered with a status and the parameter at fault. */
  private static final class BadRequest extends RuntimeException {
    final int status;
    final String parameter;
    final String allowed;

    BadRequest(int status, String parameter, String message, String allowed) {
      super(message);
      this.status = status;
      this.parameter = parameter;
      this.allowed = allowed;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, Object> body;
      int status = 200;
      try {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("POST")) {
          throw new BadRequest(405, "method", method + " is not allowed", "GET or POST");
        }
        body = route(exchange.getRequestURI());
      } catch (BadRequest e) {
        status = e.status;
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.status);
        if (e.parameter != null) {
          error.put("parameter", e.parameter);
        }
        error.put("message", e.getMessage());
        error.put("allowed", e.allowed);
        body = Map.of("error", error);
      } catch (RuntimeException e) {
        LOG.error("load endpoint failed: {}", exchange.getRequestURI(), e);
        status = 500;
        body = Map.of("error", Map.of("code", 500, "message", e.toString()));
      }
      byte[] bytes = json.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private Map<String, Object> route(URI uri) {
    String[] parts = uri.getPath().replaceAll("/+$", "").split("/");
    Map<String, String> query = query(uri.getRawQuery());
    if (parts.length < 3 || !parts[1].equals("services")) {
      throw new BadRequest(
          404, null, "no such endpoint: " + uri.getPath(), "/services/{name}" + ENDPOINTS);
    }
    ServiceModel service =
        project
            .service(parts[2])
            .orElseThrow(
                () ->
                    new BadRequest(
                        404,
                        "service",
                        "unknown service '" + parts[2] + "'",
                        String.join(
                            ", ", project.services().stream().map(ServiceModel::name).toList())));
    List<String> rest = List.of(parts).subList(3, parts.length);
    String path = "/" + String.join("/", rest);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("service", service.name());
    boolean grouped =
        !rest.isEmpty() && (rest.get(0).equals("full") || rest.get(0).equals("state"));
    String endpoint =
        rest.isEmpty()
            ? ""
            : grouped && rest.size() >= 2 ? rest.get(0) + "/" + rest.get(1) : rest.get(0);
    switch (endpoint) {
      case "full/cpu" -> {
        Duration d = duration(rest, 2, query);
        out.put("drill", "cpu");
        out.put("percent", 100);
        put(out, d, service.holdCpu(1.0, d));
      }
      case "full/ram" -> {
        Duration d = duration(rest, 2, query);
        out.put("drill", "ram");
        out.put("percent", 97);
        // "Full" leaves a little room, so requests in flight decide whether it is killed.
        put(out, d, service.holdMemory(0.97, d));
      }
      case "full/enqueue", "full/enque" -> {
        if (rest.size() > 3) {
          throw new BadRequest(404, null, "no such endpoint: " + path, ENDPOINTS);
        }
        long num = number(rest.size() > 2 ? rest.get(2) : query.get("num"));
        long accepted = service.enqueue(num);
        out.put("drill", "enqueue");
        out.put("requested", num);
        out.put("accepted", accepted);
        out.put("rejected", num - accepted);
        out.put("queue_depth", service.snapshot().queueDepth());
        if (accepted == 0) {
          throw new BadRequest(
              429, "num", "the queue is full; nothing was enqueued", "retry when it drains");
        }
      }
      case "sleep" -> {
        Duration d = duration(rest, 1, query);
        out.put("drill", "sleep");
        put(out, d, service.sleep(d));
      }
      case "state/cpu", "state/ram" -> {
        if (rest.size() < 3) {
          throw new BadRequest(
              400, "pct", "the percentage is missing", "/state/" + rest.get(1) + "/{0-100}");
        }
        double pct = percent(rest.get(2));
        Duration d = duration(rest, 3, query);
        boolean cpu = rest.get(1).equals("cpu");
        out.put("drill", cpu ? "cpu" : "ram");
        out.put("percent", pct);
        put(out, d, cpu ? service.holdCpu(pct / 100, d) : service.holdMemory(pct / 100, d));
      }
      case "stop" -> {
        service.stopDrills();
        out.put("drill", "stop");
        out.put("stopped_at", project.clock().instant().toString());
      }
      default -> throw new BadRequest(404, null, "no such endpoint: " + path, ENDPOINTS);
    }
    return out;
  }

  private static void put(Map<String, Object> out, Duration d, Instant until) {
    out.put("duration_s", d.toSeconds());
    out.put("until", until.toString());
  }

  /** The duration from {@code .../duration/{d}} at {@code index}, or from {@code ?duration=}. */
  private static Duration duration(List<String> rest, int index, Map<String, String> query) {
    String text = query.get("duration");
    if (rest.size() > index) {
      if (!rest.get(index).equals("duration") || rest.size() != index + 2) {
        throw new BadRequest(404, null, "no such endpoint: /" + String.join("/", rest), ENDPOINTS);
      }
      text = rest.get(index + 1);
    }
    try {
      return DrillDurations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(400, "duration", "duration " + e.getMessage(), DrillDurations.ALLOWED);
    }
  }

  private static long number(String text) {
    String allowed = "a whole number from 1 to " + MAX_ENQUEUE;
    if (text == null || text.isBlank()) {
      throw new BadRequest(400, "num", "num is required", allowed);
    }
    long n;
    try {
      n = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new BadRequest(400, "num", "'" + text + "' is not a whole number", allowed);
    }
    if (n < 1 || n > MAX_ENQUEUE) {
      throw new BadRequest(400, "num", n + " is out of range", allowed);
    }
    return n;
  }

  private static double percent(String text) {
    String allowed = "a number from 0 to 100";
    double p;
    try {
      p = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new BadRequest(400, "pct", "'" + text + "' is not a number", allowed);
    }
    if (!(p >= 0 && p <= 100)) {
      throw new BadRequest(400, "pct", text + " is out of range", allowed);
    }
    return p;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(key, value);
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
