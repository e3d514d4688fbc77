package dev.lookout.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.lookout.store.IntakeStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /intake/cloud-monitoring} and {@code POST /intake/alertmanager}: the sender is known
 * by its token (a bearer token, or the password of Basic auth, as each sender supports), compared
 * in constant time; the body is read up to a limit, parsed strictly and recorded in one
 * transaction. The status tells the sender what to do: 200 recorded (or already recorded), 4xx do
 * not send this again (nothing was stored), 503 try again later.
 */
public final class IntakeEndpoint implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(IntakeEndpoint.class);

  /** Larger than any single notification either sender makes, small enough to refuse a flood. */
  static final int MAX_BYTES = 1 << 20;

  private final List<IntakeSource> sources;
  private final IntakeStore store;
  private static final ObjectMapper JSON = new ObjectMapper();

  public IntakeEndpoint(List<IntakeSource> sources, IntakeStore store) {
    this.sources = List.copyOf(sources);
    this.store = store;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Response r = respond(exchange);
      byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      r.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(r.status(), body.length);
      exchange.getResponseBody().write(body);
    }
  }

  record Response(int status, String body, java.util.Map<String, String> headers) {
    static Response of(int status, String message) {
      return new Response(status, "{\"error\":" + quote(message) + "}", java.util.Map.of());
    }
  }

  private Response respond(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    String kindText = path.substring(path.lastIndexOf('/') + 1);
    IntakeSource.Kind kind;
    try {
      kind = IntakeSource.Kind.parse(kindText);
    } catch (IllegalArgumentException e) {
      return Response.of(
          404,
          "no intake at " + path + "; there are /intake/cloud-monitoring and /intake/alertmanager");
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      return new Response(405, "{\"error\":\"only POST\"}", java.util.Map.of("Allow", "POST"));
    }
    Optional<IntakeSource> source = authenticate(exchange, kind);
    if (source.isEmpty()) {
      return new Response(
          401,
          "{\"error\":\"a valid intake token is required (Authorization: Bearer or Basic)\"}",
          java.util.Map.of(
              "WWW-Authenticate", "Bearer realm=\"lookout\", Basic realm=\"lookout\""));
    }
    String type =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
            .orElse("")
            .toLowerCase(Locale.ROOT);
    if (!type.startsWith("application/json")) {
      return Response.of(415, "the body must be application/json");
    }
    byte[] body;
    try {
      body = readLimited(exchange.getRequestBody());
    } catch (PayloadException e) {
      return Response.of(e.status(), e.getMessage());
    } catch (IOException e) {
      return Response.of(400, "the body could not be read");
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return Response.of(400, "the body is not JSON");
    } catch (IOException e) {
      return Response.of(400, "the body could not be read");
    }
    if (tree == null || !tree.isObject()) {
      return Response.of(400, "the body must be a JSON object");
    }
    List<IntakeStore.Delivery> deliveries;
    try {
      deliveries =
          switch (kind) {
            case CLOUD_MONITORING -> CloudMonitoringPayload.read(tree, source.get().name(), JSON);
            case ALERTMANAGER -> AlertmanagerPayload.read(tree, source.get().name());
          };
    } catch (PayloadException e) {
      return Response.of(e.status(), e.getMessage());
    }
    try {
      IntakeStore.Outcome o = store.record(source.get().name(), deliveries);
      LOG.info(
          "intake {}: {} alert(s) recorded, {} already seen",
          source.get().name(),
          o.accepted(),
          o.duplicates());
      return new Response(
          200,
          "{\"accepted\":" + o.accepted() + ",\"duplicates\":" + o.duplicates() + "}",
          java.util.Map.of());
    } catch (RuntimeException e) {
      // The database could not take it now: the sender should try again.
      LOG.warn("intake {}: not recorded: {}", source.get().name(), e.toString());
      return new Response(
          503, "{\"error\":\"not recorded; try again\"}", java.util.Map.of("Retry-After", "5"));
    }
  }

  private Optional<IntakeSource> authenticate(HttpExchange exchange, IntakeSource.Kind kind) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null) {
      return Optional.empty();
    }
    String presented = null;
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = header.substring(7).strip();
    } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair =
            new String(
                Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        presented = colon < 0 ? null : pair.substring(colon + 1);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] given = digest(presented);
    IntakeSource found = null;
    for (IntakeSource s : sources) {
      // Every source is compared, each in constant time, so timing tells nothing.
      if (MessageDigest.isEqual(given, digest(s.token())) && s.kind() == kind && found == null) {
        found = s;
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] digest(String token) {
    return dev.lookout.alerts.ExternalAlert.digest(token).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] readLimited(InputStream in) throws IOException {
    byte[] out = in.readNBytes(MAX_BYTES + 1);
    if (out.length > MAX_BYTES) {
      throw new PayloadException(413, "the body is larger than " + MAX_BYTES + " bytes");
    }
    return out;
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      return "\"\"";
    }
  }
}
