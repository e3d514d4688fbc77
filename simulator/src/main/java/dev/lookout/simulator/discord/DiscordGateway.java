package dev.lookout.simulator.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord gateway for one bot: HELLO, IDENTIFY (before or after HELLO), READY and a
 * GUILD_CREATE per guild, heartbeats, RESUME after a dropped connection with the missed events
 * replayed, and dispatch of events such as INTERACTION_CREATE.
 */
final class DiscordGateway extends WebSocketServer {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordGateway.class);
  private static final int HEARTBEAT_MILLIS = 41_250;
  private static final int REPLAY_BUFFER = 1_000;

  private final ObjectMapper json = new ObjectMapper();
  private final String token;
  private final Supplier<ObjectNode> ready;
  private final Supplier<Iterable<ObjectNode>> guilds;
  private final CountDownLatch started = new CountDownLatch(1);

  // One session at a time, as for a single unsharded bot.
  private WebSocket connection;
  private String sessionId;
  private long sequence;
  private final Deque<ObjectNode> sent = new ArrayDeque<>();
  private volatile boolean identified;

  DiscordGateway(
      String host,
      int port,
      String token,
      Supplier<ObjectNode> ready,
      Supplier<Iterable<ObjectNode>> guilds) {
    super(new InetSocketAddress(host, port));
    this.token = token;
    this.ready = ready;
    this.guilds = guilds;
    setReuseAddr(true);
    setConnectionLostTimeout(0);
    // Each event goes out as it is dispatched, as Discord's gateway sends it: with Nagle's
    // algorithm on, an event written while the last was still unacknowledged waited for the bot's
    // delayed acknowledgement (every fifth /status card reached the bot 30 ms late).
    setTcpNoDelay(true);
  }

  void startAndWait() {
    start();
    try {
      if (!started.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the Discord gateway did not start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void onStart() {
    started.countDown();
  }

  private volatile boolean refusing;

  /**
   * While down, the opening handshake of every new connection is refused (an HTTP error, as from
   * Discord's edge when the gateway is unavailable), so the client sees the failure at once and
   * retries. Closing a connection only after its handshake left the client waiting for a HELLO that
   * never came.
   */
  void down(boolean down) {
    refusing = down;
    if (down) {
      drop();
    }
  }

  @Override
  public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
      WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
    if (refusing) {
      throw new InvalidDataException(CloseFrame.TRY_AGAIN_LATER, "gateway unavailable");
    }
    return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
  }

  @Override
  public synchronized void onOpen(WebSocket conn, ClientHandshake handshake) {
    if (refusing) { // went down during the handshake
      conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, "gateway unavailable");
      return;
    }
    if (connection != null && connection.isOpen()) {
      connection.close(CloseFrame.NORMAL, "replaced by a new connection");
    }
    connection = conn;
    identified = false;
    ObjectNode hello = json.createObjectNode();
    hello.put("op", 10);
    hello.putObject("d").put("heartbeat_interval", HEARTBEAT_MILLIS);
    hello.putNull("s");
    hello.putNull("t");
    conn.send(hello.toString());
  }

  @Override
  public synchronized void onMessage(WebSocket conn, String message) {
    JsonNode payload;
    try {
      payload = json.readTree(message);
    } catch (Exception e) {
      conn.close(4002, "Decode error");
      return;
    }
    int op = payload.path("op").asInt(-1);
    JsonNode d = payload.path("d");
    switch (op) {
      case 1 -> send(conn, op(11));
      case 2 -> identify(conn, d);
      case 6 -> resume(conn, d);
      case 3, 4, 8 -> {} // presence, voice state, member requests: nothing to do here
      default -> conn.close(4001, "Unknown opcode");
    }
  }

  private void identify(WebSocket conn, JsonNode d) {
    if (!token.equals(d.path("token").asText())) {
      conn.close(4004, "Authentication failed.");
      return;
    }
    sessionId = UUID.randomUUID().toString().replace("-", "");
    sequence = 0;
    sent.clear();
    identified = true;
    ObjectNode readyData = ready.get();
    readyData.put("session_id", sessionId);
    dispatchLocked("READY", readyData);
    for (ObjectNode guild : guilds.get()) {
      dispatchLocked("GUILD_CREATE", guild);
    }
  }

  private void resume(WebSocket conn, JsonNode d) {
    if (!token.equals(d.path("token").asText())) {
      conn.close(4004, "Authentication failed.");
      return;
    }
    if (sessionId == null || !sessionId.equals(d.path("session_id").asText())) {
      ObjectNode invalid = op(9);
      invalid.put("d", false);
      send(conn, invalid);
      return;
    }
    long from = d.path("seq").asLong();
    identified = true;
    for (ObjectNode event : sent) {
      if (event.path("s").asLong() > from) {
        send(conn, event);
      }
    }
    dispatchLocked("RESUMED", json.createObjectNode());
  }

  /** Sends an event to the bot, or keeps it for the bot's RESUME if it is disconnected. */
  synchronized void dispatch(String type, ObjectNode data) {
    dispatchLocked(type, data);
  }

  private void dispatchLocked(String type, ObjectNode data) {
    ObjectNode event = json.createObjectNode();
    event.put("op", 0);
    event.put("t", type);
    event.put("s", ++sequence);
    event.set("d", data);
    sent.addLast(event);
    while (sent.size() > REPLAY_BUFFER) {
      sent.removeFirst();
    }
    if (connection != null && connection.isOpen() && identified) {
      send(connection, event);
    }
  }

  synchronized boolean connected() {
    return connection != null && connection.isOpen() && identified;
  }

  /** Drops the connection without a close handshake, as a network failure would. */
  synchronized void drop() {
    if (connection != null) {
      identified = false;
      connection.closeConnection(CloseFrame.ABNORMAL_CLOSE, "connection dropped by the simulator");
    }
  }

  private ObjectNode op(int op) {
    ObjectNode n = json.createObjectNode();
    n.put("op", op);
    n.putNull("d");
    n.putNull("s");
    n.putNull("t");
    return n;
  }

  private static void send(WebSocket conn, ObjectNode payload) {
    if (conn.isOpen()) {
      conn.send(payload.toString());
    }
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    synchronized (this) {
      if (conn == connection) {
        identified = false;
      }
    }
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {
    LOG.debug("gateway connection error", ex);
  }

  void shutdown() {
    try {
      stop(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
