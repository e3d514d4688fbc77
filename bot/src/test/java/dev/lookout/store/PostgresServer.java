package dev.lookout.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests: the Debian package's binaries ({@code .ci/run} installs
 * {@code postgresql}), a throw-away cluster in a temporary folder on a free port, started once per
 * test JVM and stopped when it exits. Every test gets a database of its own. Where PostgreSQL is
 * not installed the tests that need it are skipped with the reason printed, unless {@code
 * LOOKOUT_REQUIRE_POSTGRES} is set (CI sets it), where they fail.
 */
public final class PostgresServer {
  private static PostgresServer shared;
  private static String unavailable;

  private final int port;

  private PostgresServer(int port) {
    this.port = port;
  }

  /** The server, started on first use; skips (or fails, in CI) the calling test without one. */
  public static synchronized PostgresServer get() {
    if (shared == null && unavailable == null) {
      try {
        shared = start();
      } catch (IOException | InterruptedException | RuntimeException e) {
        unavailable = e.getMessage();
      }
    }
    if (shared == null) {
      String why = "PostgreSQL is not available here (" + unavailable + ")";
      if (System.getenv("LOOKOUT_REQUIRE_POSTGRES") != null) {
        throw new IllegalStateException(why + ", and LOOKOUT_REQUIRE_POSTGRES is set");
      }
      System.out.println("SKIPPED: " + why + "; install the postgresql package to run it");
      Assumptions.abort(why);
    }
    return shared;
  }

  /** A new, empty database on the server. */
  public Database.Location freshDatabase() {
    String name = "lookout_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "")) {
      c.createStatement().execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
    return new Database.Location(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + name, "postgres", "");
  }

  private static PostgresServer start() throws IOException, InterruptedException {
    Path bin = binaries().orElseThrow(() -> new IllegalStateException("no initdb found"));
    Path dir = Files.createTempDirectory("lookout-pg");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      run(List.of("chown", "postgres", dir.toString()), false);
    }
    Path data = dir.resolve("data");
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync"),
        root);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-w",
            "-l",
            dir.resolve("log").toString(),
            "-o",
            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200",
            "start"),
        root);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    run(
                        List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            data.toString(),
                            "-m",
                            "immediate",
                            "stop"),
                        root);
                  } catch (IOException | InterruptedException e) {
                    // the JVM is exiting
                  }
                }));
    return new PostgresServer(port);
  }

  private static Optional<Path> binaries() throws IOException {
    String named = System.getenv("LOOKOUT_PG_BIN");
    if (named != null) {
      return Optional.of(Path.of(named));
    }
    Path base = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(base)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(base)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(java.util.Comparator.naturalOrder());
    }
  }

  private static void run(List<String> command, boolean asPostgres)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
  }
}
