package dev.lookout.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scaling and resource fields of a Cloud Run service that a proposal may change, and nothing
 * else: instance bounds, per-instance concurrency, CPU and memory of its container.
 */
public record ScaleSettings(
    int minInstances, int maxInstances, int concurrency, int cpuMillis, int memoryMiB) {
  private static final Pattern CPU = Pattern.compile("(\\d{1,6}(?:\\.\\d{1,3})?)(m?)");

  /** A size with its unit, as Cloud Run writes it: 512Mi, 2Gi; also 2G, 512M (decimal units). */
  private static final Pattern MEMORY =
      Pattern.compile("(\\d{1,7}(?:\\.\\d{1,3})?)\\s*(mi|gi|m|g)b?");

  /** Far beyond Cloud Run's largest size (32 GiB), yet no arithmetic on it can overflow. */
  private static final double LARGEST_MIB = 1_048_576;

  /** One field people can change, with how it reads. */
  public enum Field {
    MIN("Min instances"),
    MAX("Max instances"),
    CONCURRENCY("Concurrency"),
    CPU("CPU"),
    MEMORY("Memory");

    private final String label;

    Field(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** How {@code field} reads, such as {@code 2} or {@code 512 MiB}. */
  public String text(Field field) {
    return switch (field) {
      case MIN -> String.valueOf(minInstances);
      case MAX -> String.valueOf(maxInstances);
      case CONCURRENCY -> String.valueOf(concurrency);
      case CPU -> cpuText(cpuMillis) + " vCPU";
      case MEMORY -> memoryText(memoryMiB);
    };
  }

  /** The fields whose values differ from {@code other}'s. */
  public List<Field> changedFrom(ScaleSettings other) {
    List<Field> out = new ArrayList<>();
    for (Field f : Field.values()) {
      if (!text(f).equals(other.text(f))) {
        out.add(f);
      }
    }
    return out;
  }

  /** Whether the container's resources differ, which needs a new revision. */
  public boolean resourcesDifferFrom(ScaleSettings other) {
    return cpuMillis != other.cpuMillis
        || memoryMiB != other.memoryMiB
        || concurrency != other.concurrency;
  }

  public double vcpus() {
    return cpuMillis / 1000.0;
  }

  public double gib() {
    return memoryMiB / 1024.0;
  }

  /** CPU as Cloud Run writes it in a container's limits: {@code 1}, {@code 4}, {@code 500m}. */
  public static String cpuText(int millis) {
    return millis % 1000 == 0 ? String.valueOf(millis / 1000) : millis + "m";
  }

  /** Memory as Cloud Run writes it in a container's limits: {@code 512Mi}, {@code 2Gi}. */
  public static String memoryLimit(int mib) {
    return mib % 1024 == 0 ? mib / 1024 + "Gi" : mib + "Mi";
  }

  /** Memory as people read it: {@code 512 MiB}, {@code 2 GiB}. */
  public static String memoryText(int mib) {
    return mib % 1024 == 0 ? mib / 1024 + " GiB" : mib + " MiB";
  }

  /**
   * Reads CPU as people write it: {@code 2}, {@code 0.5}, {@code 500m}.
   *
   * @throws InvalidScaleException when it is not a CPU amount
   */
  public static int parseCpu(String text) {
    Matcher m = CPU.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw unreadable(Field.CPU, text, ScaleProblem.Unreadable.Why.NOT_AN_AMOUNT);
    }
    double v = Double.parseDouble(m.group(1));
    double millis = m.group(2).isEmpty() ? v * 1000 : v;
    if (millis > 1_000_000) {
      throw unreadable(Field.CPU, text, ScaleProblem.Unreadable.Why.FAR_TOO_MUCH);
    }
    return (int) Math.round(millis);
  }

  /**
   * Reads memory as people write it, with its unit: {@code 512Mi}, {@code 2Gi}, {@code 2G}. A bare
   * number is refused: {@code 512} could mean bytes, MB or MiB.
   *
   * @throws InvalidScaleException when it is not a memory amount
   */
  public static int parseMemory(String text) {
    Matcher m = MEMORY.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      boolean bare = text.strip().chars().allMatch(c -> c >= '0' && c <= '9') && !text.isBlank();
      throw unreadable(
          Field.MEMORY,
          text,
          bare ? ScaleProblem.Unreadable.Why.NO_UNIT : ScaleProblem.Unreadable.Why.NOT_AN_AMOUNT);
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2);
    double mib =
        switch (unit) {
          case "gi" -> v * 1024;
          case "g" -> v * 1_000_000_000 / 1_048_576;
          case "m" -> v * 1_000_000 / 1_048_576;
          default -> v;
        };
    if (mib > LARGEST_MIB) {
      throw unreadable(Field.MEMORY, text, ScaleProblem.Unreadable.Why.FAR_TOO_MUCH);
    }
    if (mib != Math.rint(mib)) {
      throw unreadable(Field.MEMORY, text, ScaleProblem.Unreadable.Why.NOT_WHOLE_MIB);
    }
    return (int) mib;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "min=%d max=%d concurrency=%d cpu=%s memory=%s",
        minInstances,
        maxInstances,
        concurrency,
        cpuText(cpuMillis),
        memoryLimit(memoryMiB));
  }

  /** Reads what {@link #toString()} wrote, as stored with a proposal. */
  public static ScaleSettings parse(String stored) {
    java.util.Map<String, String> kv = new java.util.HashMap<>();
    for (String pair : stored.trim().split(" ")) {
      int eq = pair.indexOf('=');
      kv.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return new ScaleSettings(
        Integer.parseInt(kv.get("min")),
        Integer.parseInt(kv.get("max")),
        Integer.parseInt(kv.get("concurrency")),
        parseCpu(kv.get("cpu")),
        parseMemory(kv.get("memory")));
  }

  private static InvalidScaleException unreadable(
      Field field, String text, ScaleProblem.Unreadable.Why why) {
    return new InvalidScaleException(new ScaleProblem.Unreadable(field, text, why));
  }
}
