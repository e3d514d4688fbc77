/** H2 through JDBC, migrated by Flyway at start; one {@code *Store} per aggregate. */
package dev.lookout.store;
