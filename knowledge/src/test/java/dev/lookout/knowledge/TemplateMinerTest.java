package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Drain-style miner, on its own lines and against Loghub's ground truth. */
class TemplateMinerTest {

  @Test
  @DisplayName("lines that differ in their parameters share a template; the parameters are kept")
  void parameters() {
    TemplateMiner miner = new TemplateMiner();
    var a = miner.add("Connection from 10.0.0.1:5432 closed after 120 ms");
    var b = miner.add("Connection from 10.0.0.7:5432 closed after 80 ms");
    var c = miner.add("Worker consumer-00042 started");
    assertThat(b.cluster().id()).isEqualTo(a.cluster().id());
    assertThat(b.cluster().template()).isEqualTo("Connection from <*> closed after <*> ms");
    assertThat(b.parameters()).containsExactly("10.0.0.7:5432", "80");
    assertThat(c.cluster().id()).isNotEqualTo(a.cluster().id());
  }

  @Test
  @DisplayName("a differing word generalises the template; unlike lines start their own")
  void generalise() {
    TemplateMiner miner = new TemplateMiner();
    miner.add("Session opened for user alice by sshd");
    var m = miner.add("Session opened for user bob by sshd");
    assertThat(m.cluster().template()).isEqualTo("Session opened for user <*> by sshd");
    assertThat(m.changed()).isTrue();
    var other = miner.add("Verification succeeded for blk_1");
    assertThat(other.cluster().id()).isNotEqualTo(m.cluster().id());
    assertThat(miner.clusters()).hasSize(2);
  }

  @Test
  @DisplayName("values are masked by their shape, whatever system wrote them")
  void values() {
    TemplateMiner miner = new TemplateMiner();
    var m =
        miner.add("Received block blk_-1608999687919862906 of size 67108864 from /10.251.42.84");
    assertThat(m.cluster().template()).isEqualTo("Received block <*> of size <*> from /<*>");
    assertThat(TemplateMiner.value("[10.0.0.1:8080]")).isEqualTo("[<*>]");
    assertThat(TemplateMiner.value("took=812ms,")).isEqualTo("took=<*>,");
    assertThat(TemplateMiner.value("/var/log/app/x.log")).isEqualTo("<*>");
    assertThat(TemplateMiner.value("https://example.com/a?b=1")).isEqualTo("<*>");
    assertThat(TemplateMiner.value("fe80::1ff:fe23:4567:890a")).isEqualTo("<*>");
    assertThat(TemplateMiner.value("3f2504e0-4f89-11d3-9a0c-0305e82c3301")).isEqualTo("<*>");
    assertThat(TemplateMiner.value("attempt_1445144423722_0020_m_000000_0")).isEqualTo("<*>");
    assertThat(TemplateMiner.value("status:200")).isEqualTo("status:<*>");
    assertThat(TemplateMiner.value("db.internal:5432")).isEqualTo("<*>");
    assertThat(TemplateMiner.value("Connection")).isEqualTo("Connection");
    assertThat(TemplateMiner.value("(closed)")).isEqualTo("(closed)");
  }

  /**
   * Grouping accuracy as logparser measures it: a line counts when the lines grouped with it are
   * exactly the lines that share its true template.
   */
  static double groupingAccuracy(Loghub.System system) {
    LogFormat format = LogFormat.of(system.format());
    TemplateMiner miner = new TemplateMiner();
    int[] predicted = new int[system.lines().size()];
    for (int i = 0; i < predicted.length; i++) {
      Loghub.Line line = system.lines().get(i);
      String content = format.parse(line.raw()).map(f -> f.get("Content")).orElse(line.content());
      predicted[i] = miner.add(content).cluster().id();
    }
    Map<Integer, Set<Integer>> byPredicted = new HashMap<>();
    Map<String, Set<Integer>> byTruth = new HashMap<>();
    for (int i = 0; i < predicted.length; i++) {
      byPredicted.computeIfAbsent(predicted[i], k -> new HashSet<>()).add(i);
      byTruth.computeIfAbsent(system.lines().get(i).eventId(), k -> new HashSet<>()).add(i);
    }
    int correct = 0;
    for (Set<Integer> group : byPredicted.values()) {
      int first = group.iterator().next();
      if (group.equals(byTruth.get(system.lines().get(first).eventId()))) {
        correct += group.size();
      }
    }
    return (double) correct / predicted.length;
  }

  @Test
  @DisplayName(
      "on every Loghub 2k sample, grouping accuracy at or above Drain's published figure, one setting")
  void loghub() throws Exception {
    assumeTrue(
        Loghub.present(),
        () -> {
          System.out.println("skipped: ../shared/loghub is not beside the repository");
          return "../shared/loghub is absent";
        });
    List<Loghub.System> systems = Loghub.systems();
    StringBuilder table = new StringBuilder("system      ours    Drain published\n");
    Map<String, Double> below = new HashMap<>();
    for (Loghub.System s : systems) {
      double acc = groupingAccuracy(s);
      if (acc < s.publishedAccuracy()) {
        below.put(s.name(), acc);
      }
      table.append(
          String.format(Locale.ROOT, "%-11s %.4f  %.4f%n", s.name(), acc, s.publishedAccuracy()));
    }
    System.out.print(table);
    assertThat(systems).hasSize(8);
    assertThat(below).as("systems below Drain's published accuracy\n" + table).isEmpty();
  }
}
