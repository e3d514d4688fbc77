package dev.lookout.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Starting Lookout in production mode as a new user would, without what it needs. */
class StartupIT {
  @Test
  @DisplayName(
      "without Google credentials the bot says in one line what is missing and how to provide it,"
          + " and warns that H2 keeps state on local disk")
  void noGoogleCredentials() throws Exception {
    Path dir = Files.createTempDirectory("lookout-startup");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.lookout.LookoutMain");
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet()
        .removeIf(
            k -> k.startsWith("LOOKOUT_") || k.startsWith("DISCORD_") || k.startsWith("GOOGLE_"));
    env.put("DISCORD_TOKEN", "a-token");
    env.put("GOOGLE_CLOUD_PROJECT", "my-project");
    env.put("LOOKOUT_DATA_DIR", dir.resolve("data").toString());
    env.put("HOME", dir.toString()); // no gcloud configuration to find
    env.put("NO_GCE_CHECK", "true"); // not on Google Cloud: do not wait for a metadata server
    env.put("PORT", "0");
    pb.redirectErrorStream(true);
    Path log = dir.resolve("out.log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the process ends").isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isEqualTo(2);
    assertThat(out)
        .contains("lookout: no Google credentials")
        .contains("GOOGLE_APPLICATION_CREDENTIALS")
        .contains("GOOGLE_API_ENDPOINT")
        .contains("State lives in embedded H2 on local disk")
        .contains("LOOKOUT_DATABASE_URL");
    assertThat(out.lines().filter(l -> l.startsWith("\tat ") || l.contains("Exception")))
        .as("no stack trace")
        .isEmpty();
  }
}
