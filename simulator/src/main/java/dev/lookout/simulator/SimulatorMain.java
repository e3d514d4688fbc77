package dev.lookout.simulator;

import dev.lookout.simulator.model.Scenario;
import dev.lookout.simulator.model.ServiceProfile;
import dev.lookout.simulator.model.SimulatedProject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own: {@code java -jar simulator/target/lookout-simulator.jar}. Flags
 * (or the same keys in a properties file given with {@code --config}) choose ports, seed, speed,
 * scenario and services. It prints where each API listens; Ctrl-C stops it.
 */
public final class SimulatorMain {
  private static final String USAGE =
      """
      Usage: java -jar lookout-simulator.jar [options]
        --grpc-port N        Google APIs (Monitoring, Logging, Run) port, default 8086 (0 = any)
        --http-port N        load endpoints port, default 8087 (0 = any)
        --seed N             random seed, default 42
        --speed X            virtual seconds per wall second, default 60
        --history D          simulated history before start, e.g. 3h (default 1h)
        --scenario NAME      one scenario for every service: %s
        --services LIST      name:shape[:scenario],... with shape llm, web or worker
                             e.g. consumer:llm:spike,checkout:web,resizer:worker:memory-leak
        --project ID         project id, default lookout-demo
        --region R           region, default us-central1
        --config FILE        a properties file with the same keys (grpc-port=8086, ...)
        --help               this text
      """;

  private SimulatorMain() {}

  public static void main(String[] args) throws Exception {
    // The bot ships its own logback.xml; the simulator's is named so the two never collide.
    System.setProperty("logback.configurationFile", "lookout-simulator-logback.xml");
    SimulatorConfig config;
    try {
      config = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("lookout-simulator: " + e.getMessage());
      System.err.println("Run with --help for the options.");
      System.exit(2);
      return;
    }
    if (config == null) {
      System.out.printf(USAGE, scenarios());
      return;
    }
    Simulator simulator = Simulator.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping the simulator.");
                  simulator.close();
                  stopped.countDown();
                }));
    System.out.println(
        "Lookout simulator: project " + config.projectId() + " in " + config.region());
    System.out.println("  Google APIs (gRPC, plaintext): " + simulator.grpcEndpoint());
    System.out.println("    Monitoring v3, Logging v2, Run v2 Services, Operations");
    System.out.println(
        "  Load endpoints (HTTP):         " + simulator.loadBaseUrl() + "/services/{name}/...");
    for (ServiceProfile p : config.services()) {
      System.out.printf(
          "    %-16s %-11s %s/services/%s%n",
          p.name(), p.scenario().id(), simulator.loadBaseUrl(), p.name());
    }
    System.out.printf("  seed %d, speed %sx; Ctrl-C stops.%n", config.seed(), config.speed());
    stopped.await();
  }

  private static String scenarios() {
    List<String> names = new ArrayList<>();
    for (Scenario s : Scenario.values()) {
      names.add(s.id());
    }
    return String.join(", ", names);
  }

  /** Reads flags into a config; null means help was asked for. */
  static SimulatorConfig parse(String[] args) throws IOException {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        return null;
      }
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "'");
      }
      String key = a.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + key + " needs a value");
      }
      if (key.equals("config")) {
        Properties file = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(value))) {
          file.load(r);
        }
        for (String k : file.stringPropertyNames()) {
          options.putIfAbsent(k, file.getProperty(k));
        }
      } else {
        options.put(key, value);
      }
    }
    SimulatorConfig config =
        SimulatorConfig.defaults()
            .withPorts(8086, 8087)
            .withSpeed(60)
            .withStart(Instant.now().truncatedTo(ChronoUnit.MINUTES))
            .withHistory(Duration.ofHours(1));
    List<ServiceProfile> services = SimulatedProject.defaultServices();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String v = e.getValue().trim();
      config =
          switch (e.getKey()) {
            case "grpc-port" -> config.withPorts(port(e.getKey(), v), config.httpPort());
            case "http-port" -> config.withPorts(config.grpcPort(), port(e.getKey(), v));
            case "seed" -> config.withSeed(number(e.getKey(), v));
            case "speed" -> {
              double speed = decimal(e.getKey(), v);
              if (speed <= 0 || speed > 3600) {
                throw new IllegalArgumentException("--speed must be > 0 and <= 3600, got " + v);
              }
              yield config.withSpeed(speed);
            }
            case "history" -> config.withHistory(duration(e.getKey(), v));
            case "project" -> config.withProject(v, config.region());
            case "region" -> config.withProject(config.projectId(), v);
            case "services" -> {
              services = services(v);
              yield config;
            }
            case "scenario" -> config;
            default ->
                throw new IllegalArgumentException(
                    "unknown option --"
                        + e.getKey()
                        + "; allowed: grpc-port, http-port, seed, speed, history, scenario,"
                        + " services, project, region, config");
          };
    }
    if (options.containsKey("scenario")) {
      Scenario all = Scenario.parse(options.get("scenario"));
      services = services.stream().map(p -> p.withScenario(all)).toList();
    }
    return config.withServices(services);
  }

  private static List<ServiceProfile> services(String list) {
    List<ServiceProfile> out = new ArrayList<>();
    for (String item : list.split(",")) {
      String[] parts = item.trim().split(":");
      if (parts.length < 2 || parts.length > 3) {
        throw new IllegalArgumentException(
            "--services entry '" + item + "' should read name:shape[:scenario]");
      }
      Scenario scenario = parts.length == 3 ? Scenario.parse(parts[2]) : Scenario.STEADY;
      out.add(
          switch (parts[1]) {
            case "llm" -> ServiceProfile.llmConsumer(parts[0], scenario);
            case "web" -> ServiceProfile.webApi(parts[0], scenario);
            case "worker" -> ServiceProfile.worker(parts[0], scenario);
            default ->
                throw new IllegalArgumentException(
                    "unknown shape '" + parts[1] + "' in --services; allowed: llm, web, worker");
          });
    }
    return out;
  }

  private static int port(String key, String v) {
    long p = number(key, v);
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException("--" + key + " must be 0..65535, got " + v);
    }
    return (int) p;
  }

  private static long number(String key, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + v + "'");
    }
  }

  private static double decimal(String key, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a number, got '" + v + "'");
    }
  }

  private static Duration duration(String key, String v) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?").matcher(v);
    if (v.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException("--" + key + " must read like 3h, 90m or 30s, got " + v);
    }
    Duration d = Duration.ZERO;
    if (m.group(1) != null) {
      d = d.plusHours(Long.parseLong(m.group(1)));
    }
    if (m.group(2) != null) {
      d = d.plusMinutes(Long.parseLong(m.group(2)));
    }
    if (m.group(3) != null) {
      d = d.plusSeconds(Long.parseLong(m.group(3)));
    }
    if (d.compareTo(Duration.ofDays(2)) > 0) {
      throw new IllegalArgumentException("--" + key + " may be at most 48h, got " + v);
    }
    return d;
  }
}
