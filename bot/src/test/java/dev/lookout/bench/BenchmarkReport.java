package dev.lookout.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of benchmark figures, printed and recorded in {@code docs/BENCHMARKS.md} under a section
 * of its own, with the date and the machine it was measured on.
 */
final class BenchmarkReport {
  private final String title;
  private final List<String[]> rows = new ArrayList<>();

  BenchmarkReport(String title) {
    this.title = title;
  }

  void row(String figure, String value, String note) {
    rows.add(new String[] {figure, value, note});
  }

  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static String machine() {
    Runtime rt = Runtime.getRuntime();
    long ramGiB = 0;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      ramGiB = Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
    }
    return String.format(
        "%s %s, %d cores, %d GiB RAM, JDK %s, max heap %d MiB",
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        rt.availableProcessors(),
        ramGiB,
        System.getProperty("java.version"),
        rt.maxMemory() / (1024 * 1024));
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("## ").append(title).append("\n\n");
    b.append("Measured ")
        .append(LocalDate.now(ZoneOffset.UTC))
        .append(" on ")
        .append(machine())
        .append(".\n\n");
    b.append("| figure | value | notes |\n|---|---|---|\n");
    for (String[] r : rows) {
      b.append("| ")
          .append(r[0])
          .append(" | ")
          .append(r[1])
          .append(" | ")
          .append(r[2])
          .append(" |\n");
    }
    return b.toString();
  }

  /** Prints the table and replaces this report's section in {@code docs/BENCHMARKS.md}. */
  void publish() throws IOException {
    String section = markdown();
    System.out.println(section);
    Path file = findDocs().resolve("BENCHMARKS.md");
    String existing =
        Files.exists(file)
            ? Files.readString(file)
            : "# Benchmarks\n\nFigures the issues ask for, measured by the programs named in each"
                + " section. Tests never assert times; these are recorded here instead.\n\n";
    String header = "## " + title + "\n";
    int start = existing.indexOf(header);
    String updated;
    if (start < 0) {
      updated = existing.stripTrailing() + "\n\n" + section;
    } else {
      int end = existing.indexOf("\n## ", start + header.length());
      updated =
          existing.substring(0, start) + section + (end < 0 ? "" : existing.substring(end + 1));
    }
    Files.writeString(file, updated);
    System.out.println("Recorded in " + file.toAbsolutePath().normalize());
  }

  private static Path findDocs() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("run the benchmark inside the repository");
    }
    return dir.resolve("docs");
  }
}
