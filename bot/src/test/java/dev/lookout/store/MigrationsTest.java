package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Committed migrations never change: each must hash to the value recorded when it was final. */
class MigrationsTest {
  @Test
  @DisplayName("no committed migration has changed, and every migration is recorded")
  void unchanged() throws Exception {
    Map<String, String> recorded = recorded();
    Map<String, String> present = present();
    for (var e : recorded.entrySet()) {
      assertThat(present)
          .as(e.getKey() + " was committed; it may not be removed or renamed")
          .containsKey(e.getKey());
      assertThat(present.get(e.getKey()))
          .as(e.getKey() + " changed after it was committed: add a new migration instead")
          .isEqualTo(e.getValue());
    }
    assertThat(present.keySet())
        .as("migrations without a recorded checksum (add them to migration-checksums.txt)")
        .isSubsetOf(recorded.keySet());
  }

  private static Map<String, String> recorded() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (InputStream in = MigrationsTest.class.getResourceAsStream("/migration-checksums.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.trim().split("\\s+");
          out.put(parts[0], parts[1]);
        }
      }
    }
    return out;
  }

  private static Map<String, String> present()
      throws IOException, URISyntaxException, NoSuchAlgorithmException {
    Path dir = Path.of(MigrationsTest.class.getResource("/db/migration").toURI());
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
        out.put(f.getFileName().toString(), HexFormat.of().formatHex(hash));
      }
    }
    return out;
  }
}
