package dev.lookout.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The bot's H2 database. Opening it runs the Flyway migrations from {@code migrations/} (on the
 * classpath as {@code db/migration}), so every store sees the current schema. Data access goes
 * through {@code *Store} classes that use {@link #read}, {@link #write} and {@link #transaction}.
 */
public final class Database implements AutoCloseable {
  /** Where Flyway finds the SQL that the build copies from the repository's migrations folder. */
  public static final String MIGRATIONS = "classpath:db/migration";

  private final JdbcConnectionPool pool;

  private Database(String url) {
    this.pool = JdbcConnectionPool.create(url, "lookout", "");
    Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
  }

  /** A file database in {@code dataDirectory}, created on first use. */
  public static Database inDirectory(java.nio.file.Path dataDirectory) {
    return new Database(
        "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("lookout") + ";AUTO_SERVER=FALSE");
  }

  /** A private in-memory database, for tests. */
  public static Database inMemory() {
    return new Database(
        "jdbc:h2:mem:lookout-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  /** Work that reads and returns a value. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  public <T> T read(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setReadOnly(true);
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  public <T> T write(Work<T> work) {
    return transaction(work);
  }

  /** Runs {@code work} in one transaction: all of it is committed, or none. */
  public <T> T transaction(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Whether the database answers, for {@code /healthz}. */
  public boolean ping() {
    try (Connection c = pool.getConnection()) {
      return c.isValid(1);
    } catch (SQLException | IllegalStateException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.dispose();
  }

  /** A database failure; stores let it reach the error boundary. */
  public static final class StoreException extends RuntimeException {
    StoreException(SQLException cause) {
      super("database error: " + cause.getMessage(), cause);
    }
  }
}
