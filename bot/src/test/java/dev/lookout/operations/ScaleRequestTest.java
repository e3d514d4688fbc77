package dev.lookout.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.cost.Pricing;
import dev.lookout.discord.ScaleProblems;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rules a /scale request is checked against before anything is proposed. */
class ScaleRequestTest {
  private static final ScaleSettings CURRENT = new ScaleSettings(1, 10, 80, 1000, 512);
  private static final ScaleBounds BOUNDS = ScaleBounds.defaults();

  private static ScaleRequest request(
      Long min, Long max, String cpu, String memory, Long concurrency) {
    return new ScaleRequest(
        Optional.ofNullable(min),
        Optional.ofNullable(max),
        Optional.ofNullable(cpu),
        Optional.ofNullable(memory),
        Optional.ofNullable(concurrency));
  }

  @Test
  @DisplayName("fields left out keep their current values")
  void keepsTheRest() {
    ScaleSettings proposed = request(null, 15L, null, null, null).against(CURRENT, BOUNDS);
    assertThat(proposed).isEqualTo(new ScaleSettings(1, 15, 80, 1000, 512));
    assertThat(proposed.changedFrom(CURRENT)).containsExactly(ScaleSettings.Field.MAX);
  }

  /** What a member is told when {@code call} is refused; fails if it is not refused. */
  private static String refused(Runnable call) {
    try {
      call.run();
    } catch (InvalidScaleException e) {
      return ScaleProblems.text(e.problems());
    }
    throw new AssertionError("not refused");
  }

  @Test
  @DisplayName("CPU and memory are read the ways people write them")
  void units() {
    assertThat(ScaleSettings.parseCpu("2")).isEqualTo(2000);
    assertThat(ScaleSettings.parseCpu("500m")).isEqualTo(500);
    assertThat(ScaleSettings.parseCpu("0.5")).isEqualTo(500);
    assertThat(ScaleSettings.parseMemory("2Gi")).isEqualTo(2048);
    assertThat(ScaleSettings.parseMemory("512Mi")).isEqualTo(512);
    assertThat(refused(() -> ScaleSettings.parseMemory("lots"))).contains("512Mi or 2Gi");
  }

  @Test
  @DisplayName(
      "numbers beyond any bound, sizes without units and amounts past Cloud Run's are refused"
          + " with the input as given, and nothing overflows")
  void hostileNumbers() {
    assertThat(
            refused(
                () ->
                    request(Long.MAX_VALUE, Long.MIN_VALUE, null, null, null)
                        .against(CURRENT, BOUNDS)))
        .contains("min 9223372036854775807 is out of range")
        .contains("max -9223372036854775808 is out of range");
    assertThat(refused(() -> ScaleSettings.parseMemory("512")))
        .isEqualTo("memory `512` has no unit; write it like 512Mi or 2Gi");
    assertThat(refused(() -> ScaleSettings.parseMemory("99999999Gi"))).contains("`99999999Gi` is");
    assertThat(refused(() -> ScaleSettings.parseMemory("9999999Gi")))
        .contains("far more than Cloud Run allows");
    for (String bad : new String[] {"1e30", "Infinity", "NaN", "-1", "0x10", "1,5", "１"}) {
      assertThat(refused(() -> ScaleSettings.parseCpu(bad))).as(bad).contains("`" + bad + "`");
      assertThat(refused(() -> ScaleSettings.parseMemory(bad + "Gi"))).as(bad).isNotBlank();
    }
    assertThat(refused(() -> ScaleSettings.parseCpu("99999999999"))).isNotBlank();
  }

  @Test
  @DisplayName("every problem is named at once, each with what is allowed")
  void allProblems() {
    assertThat(refused(() -> request(5L, 2L, "3", null, null).against(CURRENT, BOUNDS)))
        .contains("min (5) must not be above max (2)")
        .contains("cpu 3 is not a Cloud Run CPU size; allowed: 0.08 to 1, or 1, 2, 4");
  }

  @Test
  @DisplayName("bounds: the ceiling, the largest step, and the warm-instance limit")
  void bounds() {
    assertThat(refused(() -> request(null, 500L, null, null, null).against(CURRENT, BOUNDS)))
        .contains("max 500 is out of range; allowed here: 1 to 100");
    assertThat(refused(() -> request(null, 31L, null, null, null).against(CURRENT, BOUNDS)))
        .contains("max 10 → 31 is a step of 21; one proposal may change it by at most 20");
    assertThat(refused(() -> request(11L, 30L, null, null, null).against(CURRENT, BOUNDS)))
        .contains("min 11 is out of range; allowed here: 0 to 10");
  }

  @Test
  @DisplayName("Cloud Run's pairings of CPU, memory and concurrency")
  void cloudRunRules() {
    assertThat(refused(() -> request(null, null, "4", "1Gi", null).against(CURRENT, BOUNDS)))
        .contains("4 CPU needs at least 2 GiB of memory (Cloud Run); memory would be 1 GiB");
    assertThat(refused(() -> request(null, null, "0.5", null, null).against(CURRENT, BOUNDS)))
        .contains("cpu below 1 needs concurrency 1");
    assertThat(request(null, null, "0.5", null, 1L).against(CURRENT, BOUNDS).cpuMillis())
        .isEqualTo(500);
    assertThat(refused(() -> request(null, null, null, "64Gi", null).against(CURRENT, BOUNDS)))
        .contains("memory 64 GiB is out of range; allowed: 128Mi to 32Gi");
  }

  @Test
  @DisplayName("asking for what already runs, or for nothing, is refused")
  void nothingToChange() {
    assertThat(refused(() -> request(null, null, null, null, null).against(CURRENT, BOUNDS)))
        .contains("nothing to change; give at least one of");
    assertThat(refused(() -> request(1L, 10L, null, null, null).against(CURRENT, BOUNDS)))
        .contains("nothing to change: the service already runs with min 1, max 10");
  }

  @Test
  @DisplayName("the stored form reads back to the same settings")
  void storedForm() {
    ScaleSettings s = new ScaleSettings(2, 40, 8, 2000, 4096);
    assertThat(ScaleSettings.parse(s.toString())).isEqualTo(s);
  }

  @Test
  @DisplayName("cost: warm minimum instances set the idle floor, max instances the ceiling")
  void cost() {
    Pricing p = Pricing.defaults();
    CostEstimate none = CostEstimate.of(new ScaleSettings(0, 10, 80, 1000, 512), p);
    CostEstimate two = CostEstimate.of(new ScaleSettings(2, 10, 80, 1000, 512), p);
    assertThat(none.floorPerHour()).isZero();
    assertThat(none.reservedIdleWatts()).isZero();
    // 2 × (1 vCPU × 0.0000025 + 0.5 GiB × 0.0000025) × 3600 s
    assertThat(two.floorPerHour()).isCloseTo(0.027, org.assertj.core.data.Offset.offset(1e-9));
    // 2 × (0.71 W + 0.5 × 0.392 W)
    assertThat(two.reservedIdleWatts()).isCloseTo(1.812, org.assertj.core.data.Offset.offset(1e-9));
    // 10 × (0.000024 + 0.5 × 0.0000025) × 3600 s
    assertThat(two.ceilingPerHour()).isCloseTo(0.909, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  @DisplayName("the state machine: finished proposals go nowhere but applied → rolled back")
  void stateMachine() {
    assertThat(ProposalStatus.PENDING.next())
        .containsExactlyInAnyOrder(
            ProposalStatus.APPROVED, ProposalStatus.REJECTED, ProposalStatus.EXPIRED);
    assertThat(ProposalStatus.APPLIED.next()).containsExactly(ProposalStatus.ROLLED_BACK);
    assertThat(ProposalStatus.FAILED.next()).isEmpty();
    assertThat(ProposalStatus.REJECTED.next()).isEmpty();
    assertThat(ProposalStatus.APPLYING.isOpen()).isTrue();
    assertThat(ProposalStatus.APPLIED.isOpen()).isFalse();
  }
}
