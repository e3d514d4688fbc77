package dev.lookout.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The bot's database: embedded H2 under the data directory, or PostgreSQL (Cloud SQL on Cloud Run,
 * whose own disk is lost on every restart). Opening it runs the Flyway migrations from {@code
 * migrations/} (on the classpath as {@code db/migration}), the same files on both, so every store
 * sees the current schema. Data access goes through {@code *Store} classes that use {@link #read},
 * {@link #write} and {@link #transaction}.
 *
 * <p>A commit returns only once it is on disk. H2 otherwise keeps committed changes in memory and
 * writes them in the background ({@code WRITE_DELAY}, 500 ms by default, longer under load): a
 * {@code kill -9} then loses transactions the bot already acknowledged, and with them the identity
 * reservations, so ids were handed out again. {@code WRITE_DELAY=0} writes every commit to the file
 * before {@code commit()} returns. That alone was not enough: H2 writes each commit as a chunk in
 * the first free space of the file but updates the file header that leads to the newest chunk only
 * now and then, and after a crash it cannot find chunks written into reused space, so it opens the
 * last chunk the header names and seconds of commits are gone. {@code REUSE_SPACE=FALSE} appends
 * every chunk, where recovery finds it. {@code DB_CLOSE_ON_EXIT=FALSE} leaves closing to Lookout,
 * whose graceful stop still writes (it hands the leader lease over). PostgreSQL commits through its
 * write-ahead log.
 */
public final class Database implements AutoCloseable {
  /** Where Flyway finds the SQL that the build copies from the repository's migrations folder. */
  public static final String MIGRATIONS = "classpath:db/migration";

  /** The SQL dialects the stores speak where standard SQL has no common form. */
  public enum Dialect {
    H2,
    POSTGRESQL
  }

  /** Where the database is: a JDBC URL with its user and password. */
  public record Location(String url, String user, String password) {
    public Location {
      if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            "'" + url + "' is neither a jdbc:postgresql: nor a jdbc:h2: URL");
      }
    }

    /**
     * The embedded H2 file in {@code dataDirectory}, with every commit written before it returns.
     */
    public static Location h2In(Path dataDirectory) {
      return new Location(
          "jdbc:h2:file:"
              + dataDirectory.toAbsolutePath().resolve("lookout")
              + ";AUTO_SERVER=FALSE;WRITE_DELAY=0;REUSE_SPACE=FALSE;DB_CLOSE_ON_EXIT=FALSE",
          "lookout",
          "");
    }

    public Dialect dialect() {
      return url.startsWith("jdbc:postgresql:") ? Dialect.POSTGRESQL : Dialect.H2;
    }

    @Override
    public String toString() {
      // The password never reaches a log line.
      return url.replaceAll("(?i)password=[^&;]*", "password=***");
    }
  }

  private final HikariDataSource pool;
  private final Dialect dialect;

  /**
   * Checked inside every write transaction before it commits, once this instance leads: a leader
   * that lost its lease (paused, cut off) commits nothing.
   */
  @FunctionalInterface
  public interface Fence {
    void check(Connection c) throws SQLException;
  }

  private volatile Fence fence = c -> {};

  private Database(Location location, int poolSize) {
    this.dialect = location.dialect();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(location.url());
    config.setUsername(location.user());
    config.setPassword(location.password());
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(1);
    config.setPoolName("lookout-db");
    // A database that is away fails a call within seconds instead of hanging a handler.
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(30_000);
    if (dialect == Dialect.POSTGRESQL) {
      // Where the type names the migrations need live (see definePostgresTypes).
      config.setConnectionInitSql(
          "SELECT set_config('search_path', current_setting('search_path') || ', "
              + COMPAT_SCHEMA
              + "', false)");
    }
    this.pool = new HikariDataSource(config);
    try {
      if (dialect == Dialect.POSTGRESQL) {
        definePostgresTypes();
      }
      Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** Opens (and migrates) the database at {@code location}. */
  public static Database open(Location location) {
    return new Database(location, 8);
  }

  /** A file database in {@code dataDirectory}, created on first use. */
  public static Database inDirectory(Path dataDirectory) {
    return open(Location.h2In(dataDirectory));
  }

  /** A private in-memory database, for tests. */
  public static Database inMemory() {
    return open(
        new Location("jdbc:h2:mem:lookout-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
  }

  /** A schema of its own, so that Flyway still finds the application's schema empty at first. */
  private static final String COMPAT_SCHEMA = "lookout_compat";

  /**
   * The migrations were first written for H2, which spells a large text column {@code CLOB};
   * PostgreSQL calls it {@code text}. A domain gives PostgreSQL the name, so the same, never
   * edited, migration files run on both. It lives in its own schema, last on the search path.
   */
  private void definePostgresTypes() {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS " + COMPAT_SCHEMA);
      st.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON"
              + " n.oid = t.typnamespace WHERE t.typname = 'clob' AND n.nspname = '"
              + COMPAT_SCHEMA
              + "') THEN CREATE DOMAIN "
              + COMPAT_SCHEMA
              + ".clob AS text; END IF; END $$");
    } catch (SQLException e) {
      // Another instance starting at the same moment may have created it first.
      if (!"42710".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
        throw new StoreException(e);
      }
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Every write from now on commits only while {@code fence} holds. */
  public void fence(Fence fence) {
    this.fence = fence;
  }

  /** Work that reads and returns a value. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  public <T> T read(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setReadOnly(true);
      try {
        return work.run(c);
      } finally {
        c.setReadOnly(false);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  public <T> T write(Work<T> work) {
    return transaction(work);
  }

  /**
   * Runs {@code work} in one transaction: all of it is committed, or none. When this returns the
   * commit is durable (see the class comment), so the caller may acknowledge it.
   */
  public <T> T transaction(Work<T> work) {
    return transaction(work, fence);
  }

  /** A transaction outside the leader's fence: the lease itself is renewed and released so. */
  <T> T unfenced(Work<T> work) {
    return transaction(work, c -> {});
  }

  /**
   * How many transactions the current thread has committed, so that an error boundary can tell a
   * member honestly whether anything was saved before a failure. Each interaction runs on a thread
   * of its own.
   */
  public static long commitsOnThisThread() {
    return COMMITS.get()[0];
  }

  private static final ThreadLocal<long[]> COMMITS = ThreadLocal.withInitial(() -> new long[1]);

  private <T> T transaction(Work<T> work, Fence fence) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        fence.check(c);
        c.commit();
        COMMITS.get()[0]++;
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Whether the database answers, for {@code /healthz}. */
  public boolean ping() {
    try (Connection c = pool.getConnection()) {
      return c.isValid(1);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /** A database failure; stores let it reach the error boundary. */
  public static final class StoreException extends RuntimeException {
    StoreException(SQLException cause) {
      super("database error: " + cause.getMessage(), cause);
    }

    /** The SQL state of the failure, such as {@code 23505} for a unique key already taken. */
    public Optional<String> sqlState() {
      return getCause() instanceof SQLException s
          ? Optional.ofNullable(s.getSQLState())
          : Optional.empty();
    }
  }
}
