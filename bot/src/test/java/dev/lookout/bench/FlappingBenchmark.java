package dev.lookout.bench;

import dev.lookout.BotFixture;
import dev.lookout.alerts.Flapping;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordConfig;
import dev.lookout.simulator.discord.DiscordModel.Message;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's messages in #alerts per demo hour, with and without flap handling, in the same run:
 * the demo world (its Cloud Run services and its Cloud Monitoring policies sending to the bot's
 * intake), #alerts subscribed to every service at warn, and three demo hours advanced a minute at a
 * time. Every fatal incident announced without flap handling must be announced with it. Run with
 * {@code ./lookout bench flapping}.
 */
public final class FlappingBenchmark {
  private static final Duration SPAN = Duration.ofHours(3);

  record Run(int posts, int edits, Set<String> fatal, Set<String> flapping) {}

  public static void main(String[] args) throws Exception {
    BenchmarkReport report = new BenchmarkReport("Flapping (issue 17)");
    Run off = run(Flapping.off());
    Run on = run(Flapping.defaults());
    double hours = SPAN.toMinutes() / 60.0;
    report.row(
        "messages posted in #alerts per demo hour, flap handling off → on",
        String.format(
            java.util.Locale.ROOT,
            "%.1f → %.1f (%.0f%% fewer)",
            off.posts() / hours,
            on.posts() / hours,
            100.0 * (off.posts() - on.posts()) / Math.max(1, off.posts())),
        "the demo world over "
            + SPAN.toHours()
            + " demo hours, #alerts subscribed to every service at warn; posts only (edits of a"
            + " card in place: "
            + off.edits()
            + " → "
            + on.edits()
            + "); flapping incidents: "
            + on.flapping());
    report.row(
        "fatal incidents announced, off → on",
        off.fatal().size() + " → " + on.fatal().size(),
        on.fatal().containsAll(off.fatal())
            ? "every fatal announced without flap handling was announced with it: " + off.fatal()
            : "LOST: " + diff(off.fatal(), on.fatal()));
    report.publish();
    System.exit(0);
  }

  private static Set<String> diff(Set<String> a, Set<String> b) {
    Set<String> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }

  private static Run run(Flapping flapping) throws Exception {
    try (BotFixture fixture =
        new BotFixture(
            SimulatorConfig.defaults().withHistory(Duration.ofHours(2)),
            DiscordConfig.defaults(),
            c -> c.withAlerting(c.alerting().with(flapping)))) {
      fixture
          .world
          .cloud()
          .policies()
          .sendTo(
              URI.create("http://127.0.0.1:" + fixture.bot.httpPort() + "/intake/cloud-monitoring"),
              fixture.config().intake().get(0).token());
      fixture.say("alice", "alerts", "subscribe", Map.of());
      int before = posts(fixture).size();
      fixture.advanceAndSettle(SPAN);
      List<Message> posts = posts(fixture).subList(before, posts(fixture).size());
      int edits = 0;
      Set<String> fatal = new TreeSet<>();
      Set<String> spells = new TreeSet<>();
      Map<String, Integer> kinds = new java.util.TreeMap<>();
      for (Message m : posts) {
        List<com.fasterxml.jackson.databind.node.ObjectNode> versions =
            new ArrayList<>(m.history());
        versions.add(m.body());
        var first = versions.getFirst();
        String what =
            first.path("embeds").path(0).path("title").asText(first.path("content").asText());
        kinds.merge(what.replaceAll("\\d+", "#").replaceAll("\\s+", " ").strip(), 1, Integer::sum);
        edits += versions.size() - 1;
        for (var body : versions) {
          for (var embed : body.path("embeds")) {
            String footer = embed.path("footer").path("text").asText();
            for (String fp : footer.replace("Fingerprints: ", "").split(", ")) {
              if (fp.endsWith("/fatal")) {
                fatal.add(fp);
              }
            }
            if (embed.path("title").asText().contains("flapping")) {
              spells.add(footer.replace("Fingerprints: ", ""));
            }
          }
        }
      }
      System.out.println("posts with flap handling " + (flapping.enabled() ? "on" : "off") + ":");
      kinds.forEach((k, v) -> System.out.println(String.format("%4d  %s", v, k)));
      System.out.println("posts with flap handling " + (flapping.enabled() ? "on" : "off") + ":");
      kinds.forEach((k, v) -> System.out.println(String.format("%4d  %s", v, k)));
      return new Run(posts.size(), edits, fatal, spells);
    }
  }

  /** The bot's messages in #alerts that everyone sees. */
  private static List<Message> posts(BotFixture fixture) {
    return fixture.discord().messages("alerts").stream()
        .filter(m -> !m.ephemeral() && !m.interactionResponse())
        .toList();
  }
}
