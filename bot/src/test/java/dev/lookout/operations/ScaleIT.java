package dev.lookout.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.UpdateServiceRequest;
import com.google.protobuf.FieldMask;
import dev.lookout.BotFixture;
import dev.lookout.SharedWorld;
import dev.lookout.cloud.GoogleClients;
import dev.lookout.config.LookoutConfig;
import dev.lookout.simulator.SimulatorConfig;
import dev.lookout.simulator.discord.DiscordConfig;
import dev.lookout.simulator.discord.DiscordModel.Message;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * /scale end to end: JDA, the simulated Discord and the simulated Cloud Run project. The scheduler
 * ticks hourly here, so whether a click-time check or the routine acted is never a race.
 */
@ExtendWith(SharedWorld.class)
@SharedWorld.OnePerTest
class ScaleIT {
  private static final Pattern PROPOSAL = Pattern.compile("Proposal \\*\\*#(\\d+)\\*\\*");
  private static BotFixture fixture;

  /** A world for each test: the services as deployed at the start, proposals numbered from 1. */
  @SharedWorld.Make
  static BotFixture world() throws Exception {
    return new BotFixture(
        SimulatorConfig.defaults().withHistory(Duration.ofHours(1)),
        DiscordConfig.defaults(),
        c ->
            c.withAlerting(
                new LookoutConfig.Alerting(
                    Duration.ofHours(1), Duration.ofHours(1), Optional.empty())));
  }

  private static Service run(String service) {
    return fixture.world.cloud().run().get(service);
  }

  private static Message scale(String user, Map<String, Object> options) {
    return fixture.say(user, "ops", "scale", options);
  }

  private static long proposed(Message reply) {
    Matcher m = PROPOSAL.matcher(reply.body().path("content").asText());
    assertThat(m.find()).as("a proposal was made: " + reply.body()).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The card of proposal {@code id} once it matches {@code state}. */
  private static Message card(long id, Predicate<JsonNode> state) {
    try {
      return fixture
          .discord()
          .awaitMessage(
              "ops",
              m ->
                  !m.ephemeral()
                      && m.body().path("embeds").size() > 0
                      && title(m).contains("#" + id + " ·")
                      && state.test(m.body().path("embeds").get(0)),
              BotFixture.REPLY);
    } catch (AssertionError e) {
      // Say what the bot held when the card did not come: the proposal, and what it still owed.
      throw new AssertionError(
          e.getMessage()
              + "; proposal #"
              + id
              + " is "
              + fixture.bot.features().proposals().find(id).map(p -> p.status()).orElse(null)
              + "; outbox waiting: "
              + fixture.bot.features().outbox().pending(5)
              + "; cards in #ops: "
              + fixture.discord().messages("ops").stream()
                  .filter(m -> m.body().path("embeds").size() > 0)
                  .map(m -> title(m) + " / " + m.body().path("embeds").get(0).path("description"))
                  .toList(),
          e);
    }
  }

  private static String title(Message m) {
    return m.body().path("embeds").get(0).path("title").asText();
  }

  private static Predicate<JsonNode> says(String text) {
    return e -> e.path("description").asText().contains(text);
  }

  /** Clicks the button labelled {@code label} on {@code card}, as {@code user}. */
  private static Message click(String user, Message card, String label) {
    return fixture
        .discord()
        .click(user, card.id(), BotFixture.button(card, label), List.of(), null)
        .awaitReply(BotFixture.REPLY);
  }

  private static String text(Message m) {
    return m.body().path("content").asText();
  }

  /** Lets the rollout finish in virtual time and the card catch up. */
  private static Message rolledOut(long id) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      fixture.advance(Duration.ofSeconds(5));
      Thread.sleep(30);
      var p = fixture.bot.features().proposals().find(id).orElseThrow();
      if (p.status() != ProposalStatus.APPLYING && p.status() != ProposalStatus.APPROVED) {
        break;
      }
    }
    return card(id, says("Applied").or(says("Failed")));
  }

  /** When the hourly routine ticks next; a restarted bot ticks at once, so wait for that. */
  private static Instant nextTick() throws InterruptedException {
    long deadline = System.nanoTime() + BotFixture.REPLY.toNanos();
    Instant last;
    while ((last = fixture.bot.features().scheduler().lastTick()) == null) {
      assertThat(System.nanoTime()).as("the routine ticked after start").isLessThan(deadline);
      Thread.sleep(20);
    }
    return last.plus(Duration.ofHours(1));
  }

  private static int openProposalsOnCards() {
    return (int)
        fixture.messages().stream()
            .filter(m -> !m.ephemeral() && m.body().path("embeds").size() > 0)
            .filter(m -> title(m).contains("proposal"))
            .count();
  }

  @Test
  @DisplayName(
      "bad input to /scale is answered privately, saying what is allowed, and changes nothing")
  void badInput() {
    Service before = run("consumer");
    Message noRole = scale("bob", Map.of("service", "consumer", "max", 12));
    assertThat(noRole.ephemeral()).isTrue();
    assertThat(text(noRole)).contains("`operator` role").contains("Nothing was changed");

    Message unknown = scale("alice", Map.of("service", "payments", "max", 12));
    assertThat(text(unknown)).contains("no service `payments`").contains("consumer");

    Message minAboveMax = scale("alice", Map.of("service", "consumer", "min", 5, "max", 2));
    assertThat(text(minAboveMax)).contains("min (5) must not be above max (2)");

    Message cpu = scale("alice", Map.of("service", "consumer", "cpu", "3"));
    assertThat(text(cpu)).contains("cpu 3").contains("allowed: 0.08 to 1, or 1, 2, 4, 6 or 8");

    Message memory = scale("alice", Map.of("service", "consumer", "memory", "lots"));
    assertThat(text(memory)).contains("memory `lots`").contains("512Mi or 2Gi");

    Message ceiling = scale("alice", Map.of("service", "consumer", "max", 500));
    assertThat(text(ceiling)).contains("max 500 is out of range; allowed here: 1 to 100");

    Message step = scale("alice", Map.of("service", "consumer", "max", 60));
    assertThat(text(step)).contains("at most 20");

    Message cpuMemory = scale("alice", Map.of("service", "consumer", "cpu", "4", "memory", "1Gi"));
    assertThat(text(cpuMemory)).contains("4 CPU needs at least 2 GiB");

    Message nothing = scale("alice", Map.of("service", "consumer"));
    assertThat(text(nothing)).contains("nothing to change");

    for (Message m :
        List.of(unknown, minAboveMax, cpu, memory, ceiling, step, cpuMemory, nothing)) {
      assertThat(m.ephemeral()).isTrue();
      assertThat(text(m)).contains("Nothing was changed");
    }
    assertThat(run("consumer")).isEqualTo(before);
    assertThat(openProposalsOnCards()).isZero();
  }

  @Test
  @DisplayName(
      "an approver's approval changes the service; others' clicks are refused and change nothing")
  void approval() throws Exception {
    long generation = run("consumer").getGeneration();
    Message reply =
        scale("alice", Map.of("service", "consumer", "max", 15, "reason", "evening peak"));
    assertThat(reply.ephemeral()).isTrue();
    long id = proposed(reply);
    Message card = card(id, says("Waiting for approval"));
    JsonNode embed = card.body().path("embeds").get(0);
    assertThat(embed.path("description").asText()).contains("alice").contains("evening peak");
    String change = embed.path("fields").get(0).path("value").asText();
    assertThat(change).contains("▶ Max instances  10         15");
    assertThat(change).contains("  Min instances  1          ·");
    assertThat(embed.path("fields").get(1).path("name").asText()).isEqualTo("Cost per hour");
    assertThat(embed.path("fields").get(1).path("value").asText())
        .contains("At max scale")
        .containsPattern("\\+[\\d.,]+ USD");
    assertThat(embed.path("fields").get(2).path("value").asText()).contains("reserved idle");

    Message dave = click("dave", card, "Approve");
    assertThat(dave.ephemeral()).isTrue();
    assertThat(text(dave)).contains("`admin` role").contains("Nothing was changed");
    Message alice = click("alice", card, "Reject");
    assertThat(text(alice)).contains("`admin` role");
    assertThat(run("consumer").getGeneration()).isEqualTo(generation);

    Message carol = click("carol", card, "Approve");
    assertThat(text(carol)).contains("Approved proposal #" + id);
    Message applied = rolledOut(id);
    assertThat(applied.body().path("embeds").get(0).path("description").asText())
        .contains("Applied on revision consumer-")
        .contains("approved by carol");
    JsonNode buttons = applied.body().path("components").get(0).path("components");
    assertThat(buttons.get(0).path("disabled").asBoolean()).isTrue();
    assertThat(buttons.get(1).path("disabled").asBoolean()).isTrue();
    assertThat(buttons.get(2).path("label").asText()).isEqualTo("Propose rollback");
    assertThat(run("consumer").getTemplate().getScaling().getMaxInstanceCount()).isEqualTo(15);
    assertThat(run("consumer").getGeneration()).isEqualTo(generation + 1);
    assertThat(run("consumer").getTemplate().getContainers(0).getImage())
        .as("nothing but scaling changed")
        .endsWith("consumer:v1");

    Message audit = fixture.say("bob", "ops", "audit", Map.of("service", "consumer"));
    String trail = audit.body().path("embeds").get(0).path("description").asText();
    assertThat(trail)
        .contains("**requested** proposal #" + id)
        .contains("**approved** proposal #" + id)
        .contains("**applied** proposal #" + id)
        .contains("carol")
        .contains("alice");
  }

  @Test
  @DisplayName("rollback is a proposal too, and restores the previous values")
  void rollback() throws Exception {
    long applied = proposed(scale("alice", Map.of("service", "consumer", "max", 15)));
    click("carol", card(applied, says("Waiting")), "Approve");
    rolledOut(applied);
    Message card = card(applied, says("Applied"));
    Message reply = click("alice", card, "Propose rollback");
    assertThat(text(reply)).contains("Rollback proposal");
    Matcher m = Pattern.compile("#(\\d+)").matcher(text(reply));
    assertThat(m.find()).isTrue();
    long rollback = Long.parseLong(m.group(1));
    Message rb = card(rollback, says("Waiting for approval"));
    assertThat(title(rb)).contains("Rollback proposal");
    assertThat(rb.body().path("embeds").get(0).path("fields").get(0).path("value").asText())
        .contains("▶ Max instances  15         10");
    click("carol", rb, "Approve");
    rolledOut(rollback);
    assertThat(run("consumer").getTemplate().getScaling().getMaxInstanceCount()).isEqualTo(10);
    card(applied, says("Rolled back by proposal #" + rollback));
  }

  @Test
  @DisplayName("the requester cannot approve their own proposal, but an approver may reject it")
  void selfApproval() {
    long generation = run("checkout-api").getGeneration();
    long id = proposed(scale("carol", Map.of("service", "checkout-api", "min", 2)));
    Message card = card(id, says("Waiting"));
    Message self = click("carol", card, "Approve");
    assertThat(text(self)).contains("someone else must approve it").contains("Nothing was changed");
    Message reject = click("carol", card, "Reject");
    assertThat(text(reject)).contains("Rejected proposal #" + id);
    Message rejected = card(id, says("Rejected by carol"));
    assertThat(
            rejected
                .body()
                .path("components")
                .get(0)
                .path("components")
                .get(0)
                .path("disabled")
                .asBoolean())
        .isTrue();
    assertThat(run("checkout-api").getGeneration()).isEqualTo(generation);
  }

  @Test
  @DisplayName("a double click, and two concurrent clicks, apply once")
  void doubleClicks() throws Exception {
    long generation = run("checkout-api").getGeneration();
    long id = proposed(scale("alice", Map.of("service", "checkout-api", "max", 25)));
    Message card = card(id, says("Waiting"));
    String approve = "Approve";
    List<CompletableFuture<Message>> clicks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clicks.add(CompletableFuture.supplyAsync(() -> click("carol", card, approve)));
    }
    List<String> answers = clicks.stream().map(CompletableFuture::join).map(ScaleIT::text).toList();
    assertThat(answers).filteredOn(a -> a.startsWith("Approved proposal")).hasSize(1);
    assertThat(answers).filteredOn(a -> a.contains("is already")).hasSize(2);
    rolledOut(id);
    assertThat(run("checkout-api").getGeneration()).isEqualTo(generation + 1);
    assertThat(run("checkout-api").getTemplate().getScaling().getMaxInstanceCount()).isEqualTo(25);
  }

  @Test
  @DisplayName("a proposal posted before a restart is approved and applied after it")
  void restart() throws Exception {
    long id = proposed(scale("alice", Map.of("service", "auth-gateway", "max", 22)));
    Message card = card(id, says("Waiting"));
    fixture.restartBot();
    Message carol = click("carol", card, "Approve");
    assertThat(text(carol)).contains("Approved proposal #" + id);
    rolledOut(id);
    assertThat(run("auth-gateway").getTemplate().getScaling().getMaxInstanceCount()).isEqualTo(22);
  }

  @Test
  @DisplayName("an expired proposal cannot be approved")
  void expiry() throws Exception {
    Instant nextTick = nextTick();
    if (Duration.between(fixture.world.clock().instant(), nextTick).toMinutes() < 20) {
      fixture.advance(Duration.between(fixture.world.clock().instant(), nextTick).plusSeconds(5));
      fixture.awaitTicks(); // the hourly routine has run before the proposal is made
    }
    long generation = run("image-resizer").getGeneration();
    long id = proposed(scale("alice", Map.of("service", "image-resizer", "max", 12)));
    Message card = card(id, says("Waiting"));
    fixture.advance(Duration.ofMinutes(16));
    Message late = click("carol", card, "Approve");
    assertThat(text(late)).contains("expired").contains("Nothing was changed");
    Message expired = card(id, says("Expired at"));
    assertThat(
            expired
                .body()
                .path("components")
                .get(0)
                .path("components")
                .get(0)
                .path("disabled")
                .asBoolean())
        .isTrue();
    assertThat(run("image-resizer").getGeneration()).isEqualTo(generation);
  }

  @Test
  @DisplayName("a concurrent change (etag mismatch) ends the proposal in failed, with the reason")
  void etagConflict() throws Exception {
    long id = proposed(scale("alice", Map.of("service", "image-resizer", "max", 10)));
    Message card = card(id, says("Waiting"));
    try (GoogleClients other =
        GoogleClients.create(Optional.of(fixture.world.cloud().grpcEndpoint()))) {
      Service s = run("image-resizer");
      other
          .services()
          .updateServiceCallable()
          .futureCall(
              UpdateServiceRequest.newBuilder()
                  .setService(
                      s.toBuilder()
                          .setTemplate(
                              s.getTemplate().toBuilder().setMaxInstanceRequestConcurrency(4)))
                  .setUpdateMask(
                      FieldMask.newBuilder().addPaths("template.max_instance_request_concurrency"))
                  .build())
          .get();
    }
    click("carol", card, "Approve");
    Message failed = card(id, says("Failed"));
    JsonNode why = failed.body().path("embeds").get(0).path("fields");
    assertThat(why.toString()).contains("Why it failed").contains("changed by someone else");
    assertThat(run("image-resizer").getTemplate().getScaling().getMaxInstanceCount()).isEqualTo(8);
    assertThat(run("image-resizer").getTemplate().getMaxInstanceRequestConcurrency()).isEqualTo(4);
  }

  @Test
  @DisplayName(
      "the Run API refusing the update, or the rollout failing, ends in failed with the reason")
  void apiErrors() throws Exception {
    fixture
        .world
        .cloud()
        .run()
        .failNextUpdates(Status.INTERNAL.withDescription("backend exploded"), 1);
    long id = proposed(scale("alice", Map.of("service", "nightly-report", "max", 12)));
    click("carol", card(id, says("Waiting")), "Approve");
    Message failed = card(id, says("Failed"));
    assertThat(failed.body().path("embeds").get(0).path("fields").toString())
        .contains("Cloud Run refused the change")
        .contains("backend exploded");

    fixture.world.cloud().run().failNextRollout("revision nightly-report-00009 failed to start");
    long again = proposed(scale("alice", Map.of("service", "nightly-report", "max", 12)));
    click("carol", card(again, says("Waiting")), "Approve");
    Message rollout = rolledOut(again);
    assertThat(rollout.body().path("embeds").get(0).path("fields").toString())
        .contains("the rollout failed")
        .contains("failed to start");
    assertThat(run("nightly-report").getTemplate().getScaling().getMaxInstanceCount()).isEqualTo(8);
  }

  @Test
  @DisplayName("some minutes after an apply, a before/after comparison with a chart is posted")
  void afterApply() throws Exception {
    long id = proposed(scale("alice", Map.of("service", "consumer", "min", 2)));
    click("carol", card(id, says("Waiting")), "Approve");
    rolledOut(id);
    Instant nextTick = nextTick();
    fixture.advance(Duration.between(fixture.world.clock().instant(), nextTick).plusSeconds(5));
    Message check =
        fixture
            .discord()
            .awaitMessage(
                "ops",
                m ->
                    m.body().path("embeds").size() > 0
                        && title(m).contains("after proposal #" + id),
                BotFixture.REPLY);
    JsonNode embed = check.body().path("embeds").get(0);
    assertThat(embed.path("description").asText()).contains("Min instances 1 → 2");
    Map<String, String> fields = new HashMap<>();
    embed
        .path("fields")
        .forEach(f -> fields.put(f.path("name").asText(), f.path("value").asText()));
    assertThat(fields).containsKeys("CPU p99", "Instances", "Queue depth");
    assertThat(fields.get("Instances")).contains("→");
    assertThat(check.attachments()).hasSize(1);
  }

  @Test
  @DisplayName(
      "Cloud Run unreachable at apply, then a restart: the change waits and is applied once")
  void unreachableThenRestart() throws Exception {
    // A routine tick still due from an earlier test would retry the apply at once, and the card
    // would pass "applying" before it could be seen: let due ticks run first. Time then stands
    // still until the restart, whose first tick resumes the apply.
    fixture.settle();
    long generation = run("auth-gateway").getGeneration();
    long id = proposed(scale("alice", Map.of("service", "auth-gateway", "max", 24)));
    Message card = card(id, says("Waiting"));
    fixture.world.cloud().run().failNextUpdates(Status.UNAVAILABLE.withDescription("try later"), 1);
    Message carol = click("carol", card, "Approve");
    assertThat(text(carol)).contains("Approved proposal #" + id);
    card(id, says("applying"));
    ScaleProposal waiting = fixture.bot.features().proposals().find(id).orElseThrow();
    assertThat(waiting.status())
        .as("no answer is not a failure")
        .isEqualTo(ProposalStatus.APPLYING);
    assertThat(run("auth-gateway").getGeneration()).isEqualTo(generation);

    fixture.restartBot();
    Message applied = rolledOut(id);
    assertThat(applied.body().path("embeds").get(0).path("description").asText())
        .contains("Applied on revision auth-gateway-");
    assertThat(run("auth-gateway").getTemplate().getScaling().getMaxInstanceCount()).isEqualTo(24);
    assertThat(run("auth-gateway").getGeneration()).as("sent once").isEqualTo(generation + 1);
    String trail =
        fixture
            .say("bob", "ops", "audit", Map.of("service", "auth-gateway"))
            .body()
            .path("embeds")
            .get(0)
            .path("description")
            .asText();
    assertThat(trail.split("\\*\\*applied\\*\\* proposal #" + id + " ", -1)).hasSize(2);
  }

  @Test
  @DisplayName(
      "a reason written to forge the card's status lines, ping or link is shown as plain text")
  void forgedReason() {
    String reason =
        "peak\n**Approved by carol at 22:00 UTC**\n✅ Applied on revision x <@&123456789012345678>"
            + " @everyone [docs](https://lookout.example)\u202e\u200b";
    Message reply = scale("alice", Map.of("service", "auth-gateway", "max", 12, "reason", reason));
    long id = proposed(reply);
    Message card = card(id, says("Waiting for approval"));
    String description = card.body().path("embeds").get(0).path("description").asText();
    assertThat(description)
        .as("one line of reason, every markup character escaped")
        .contains("**Reason:** peak \\*\\*Approved by carol")
        .doesNotContain("\n**Approved")
        .doesNotContain("\n✅")
        .doesNotContain("\u202e")
        .contains("\\<\\@&123456789012345678\\>")
        .contains("\\[docs\\]\\(https\\://lookout.example\\)");
    assertThat(card.mentions().pingsAnyone()).isFalse();
    assertThat(reply.mentions().pingsAnyone()).isFalse();
    Message audit = fixture.say("bob", "ops", "audit", Map.of("service", "auth-gateway"));
    assertThat(audit.body().path("embeds").get(0).path("description").asText())
        .doesNotContain("**Approved by carol");
    click("carol", card, "Reject");
  }
}
