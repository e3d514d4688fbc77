package dev.lookout.discord;

import dev.lookout.cost.Pricing;
import dev.lookout.health.Figure;
import dev.lookout.operations.CostEstimate;
import dev.lookout.operations.ProposalStatus;
import dev.lookout.operations.ScaleCheck;
import dev.lookout.operations.ScaleProposal;
import dev.lookout.operations.ScaleSettings;
import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * Renders scale proposals: the card people decide on (current and proposed values side by side,
 * cost and energy, Approve and Reject), its later states, and the before/after comparison.
 */
public final class ProposalCards {
  public static final String FEATURE = "scale";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Pricing pricing;
  private final ChartRenderer charts;

  public ProposalCards(Pricing pricing, ChartRenderer charts) {
    this.pricing = pricing;
    this.charts = charts;
  }

  public static String approveId(long id, String token) {
    return ComponentId.of(FEATURE, "approve", String.valueOf(id), ComponentId.token(token))
        .encode();
  }

  public static String rejectId(long id, String token) {
    return ComponentId.of(FEATURE, "reject", String.valueOf(id), ComponentId.token(token)).encode();
  }

  public static String rollbackId(long id, String token) {
    return ComponentId.of(FEATURE, "rollback", String.valueOf(id), ComponentId.token(token))
        .encode();
  }

  /** The proposal's card as it stands. */
  public MessageCreateData card(ScaleProposal p, Instant now) {
    Card e = new Card().color(color(p.status()));
    String kind =
        switch (p.origin()) {
          case ROLLBACK -> "Rollback proposal";
          case SCHEDULER -> "Scale proposal from Lookout";
          default -> "Scale proposal";
        };
    e.title(marker(p.status()) + " " + kind + " " + p.label() + " · " + p.service());

    StringBuilder d = new StringBuilder();
    d.append("**").append(statusLine(p, now)).append("**\n");
    d.append("Requested by ").append(p.requester());
    d.append(" at ").append(TIME.format(p.createdAt()));
    if (!p.reason().isBlank()) {
      d.append("\n**Reason:** ").append(UserText.quote(p.reason()));
    }
    e.description(d.toString());
    e.field("Change", table(p.current(), p.proposed()), false);
    e.field("Cost per hour", cost(p.current(), p.proposed()), false);
    e.field("Energy", energy(p.current(), p.proposed()), false);
    if (!p.evidence().isBlank()) {
      e.field("Evidence", p.evidence(), false);
    }
    p.failure().ifPresent(f -> e.field("Why it failed", f, false));
    e.footer(
        "Only scaling and resource fields change; the update carries the etag the proposal was"
            + " made against, so a concurrent change fails instead of being overwritten.");
    e.timestamp(p.createdAt());
    return new MessageCreateBuilder().setEmbeds(e.build()).setComponents(buttons(p)).build();
  }

  private static List<ActionRow> buttons(ScaleProposal p) {
    boolean pending = p.status() == ProposalStatus.PENDING;
    List<Button> row = new ArrayList<>();
    row.add(Button.success(approveId(p.id(), p.token()), "Approve").withDisabled(!pending));
    row.add(Button.danger(rejectId(p.id(), p.token()), "Reject").withDisabled(!pending));
    if (p.status() == ProposalStatus.APPLIED) {
      row.add(Button.secondary(rollbackId(p.id(), p.token()), "Propose rollback"));
    }
    return List.of(ActionRow.of(row));
  }

  private static String statusLine(ScaleProposal p, Instant now) {
    String by = p.decidedBy().map(b -> " by " + b).orElse("");
    String at = p.decidedAt().map(t -> " at " + TIME.format(t)).orElse("");
    return switch (p.status()) {
      case PENDING ->
          "Waiting for approval · expires "
              + TIME.format(p.expiresAt())
              + " ("
              + left(Duration.between(now, p.expiresAt()))
              + ")";
      case APPROVED -> "Approved" + by + at + " · applying…";
      case APPLYING -> "Approved" + by + at + " · applying, following the rollout…";
      case APPLIED ->
          "Applied"
              + p.revision().map(r -> " on revision " + r).orElse("")
              + p.finishedAt().map(t -> " at " + TIME.format(t)).orElse("")
              + " · approved"
              + by;
      case FAILED ->
          "Failed"
              + p.finishedAt().map(t -> " at " + TIME.format(t)).orElse("")
              + " · approved"
              + by;
      case REJECTED -> "Rejected" + by + at;
      case EXPIRED -> "Expired at " + TIME.format(p.expiresAt()) + " without a decision";
      case ROLLED_BACK ->
          "Rolled back" + p.rolledBackBy().map(r -> " by proposal #" + r).orElse("");
    };
  }

  private static String left(Duration d) {
    return d.isNegative() || d.isZero() ? "now" : "in " + Texts.span(d);
  }

  /** Current and proposed values side by side; changed rows are marked. */
  static String table(ScaleSettings from, ScaleSettings to) {
    StringBuilder b = new StringBuilder("```\n");
    b.append(String.format(Locale.ROOT, "  %-14s %-10s %-10s%n", "", "now", "proposed"));
    List<ScaleSettings.Field> changed = to.changedFrom(from);
    for (ScaleSettings.Field f : ScaleSettings.Field.values()) {
      boolean c = changed.contains(f);
      b.append(
          String.format(
              Locale.ROOT,
              "%s %-14s %-10s %-10s%n",
              c ? "▶" : " ",
              f.label(),
              from.text(f),
              c ? to.text(f) : "·"));
    }
    return b.append("```").toString();
  }

  private String cost(ScaleSettings from, ScaleSettings to) {
    CostEstimate a = CostEstimate.of(from, pricing);
    CostEstimate b = CostEstimate.of(to, pricing);
    return "Idle floor (min instances kept warm): "
        + money(a.floorPerHour())
        + " → "
        + money(b.floorPerHour())
        + " ("
        + signed(b.floorPerHour() - a.floorPerHour())
        + "/h)\nAt max scale, all instances busy: "
        + money(a.ceilingPerHour())
        + " → "
        + money(b.ceilingPerHour())
        + " ("
        + signed(b.ceilingPerHour() - a.ceilingPerHour())
        + "/h)\n-# List prices ("
        + pricing.currency()
        + "): "
        + Texts.price(pricing.vcpuSecond())
        + " per vCPU-second and "
        + Texts.price(pricing.gibSecond())
        + " per GiB-second while serving; "
        + Texts.price(pricing.idleVcpuSecond())
        + " per vCPU-second kept idle";
  }

  private String energy(ScaleSettings from, ScaleSettings to) {
    CostEstimate a = CostEstimate.of(from, pricing);
    CostEstimate b = CostEstimate.of(to, pricing);
    double delta = b.reservedIdleWatts() - a.reservedIdleWatts();
    String change =
        Math.abs(delta) < 0.005
            ? "Reserved idle power is unchanged"
            : String.format(
                Locale.ROOT,
                "Reserved idle power %s: %.1f W → %.1f W, about %s kWh a year",
                delta > 0 ? "rises" : "falls",
                a.reservedIdleWatts(),
                b.reservedIdleWatts(),
                String.format(Locale.ROOT, "%+.0f", delta * 24 * 365 / 1000));
    return change
        + ". Minimum instances hold their CPU and memory even with no traffic, and reserved idle"
        + " resources still draw power.\n-# Assumes "
        + pricing.idleWattsPerVcpu()
        + " W per idle vCPU and "
        + pricing.wattsPerGib()
        + " W per GiB (Cloud Carbon Footprint coefficients unless configured).";
  }

  private String money(double v) {
    return Texts.money(v, pricing.currency());
  }

  private String signed(double v) {
    return (v >= 0 ? "+" : "−") + money(Math.abs(v));
  }

  /** The before/after comparison posted some minutes after an apply. */
  public MessageCreateData check(ScaleCheck c) {
    Card e =
        new Card()
            .color(new Color(0x3498DB))
            .title(
                "📊 " + c.service() + " after proposal #" + c.proposalId() + ": before and after");
    e.description(
        "Applied at "
            + TIME.format(c.appliedAt())
            + ": "
            + String.join(
                ", ",
                c.to().changedFrom(c.from()).stream()
                    .map(f -> f.label() + " " + c.from().text(f) + " → " + c.to().text(f))
                    .toList())
            + ".\nMeans over equal windows before and after the change:");
    for (ScaleCheck.Comparison f : c.figures()) {
      Figure figure = Figure.byKey(f.figure());
      e.field(
          figure.label(),
          (f.before() == null ? "no data" : figure.format(f.before()))
              + " → "
              + (f.after() == null ? "no data" : figure.format(f.after()))
              + trend(f),
          true);
    }
    MessageCreateBuilder m = new MessageCreateBuilder();
    if (!c.cpu().isEmpty() || !c.instances().isEmpty()) {
      String file = "check-" + c.service() + "-" + c.proposalId() + ".png";
      m.addFiles(
          FileUpload.fromData(
              charts.beforeAfterChart(c.cpu(), c.instances(), c.appliedAt()), file));
      e.image("attachment://" + file);
    }
    e.footer("Not what you hoped? Propose a rollback on the proposal's card.");
    e.timestamp(c.appliedAt());
    return m.setEmbeds(e.build())
        .setComponents(
            ActionRow.of(
                Button.secondary(
                    rollbackId(c.proposalId(), c.proposalToken()), "Propose rollback")))
        .build();
  }

  private static String trend(ScaleCheck.Comparison f) {
    if (f.before() == null || f.after() == null || f.before() == 0) {
      return "";
    }
    double pct = (f.after() - f.before()) / Math.abs(f.before()) * 100;
    return String.format(Locale.ROOT, " (%s%.0f%%)", pct >= 0 ? "↑" : "↓", Math.abs(pct));
  }

  /** Why a decision was not taken, for the member who tried; nothing was changed. */
  public static String refusal(dev.lookout.operations.Refusal r) {
    String why =
        switch (r) {
          case dev.lookout.operations.Refusal.NoSuchProposal n ->
              "This control is no longer valid: there is no proposal #" + n.id() + ".";
          case dev.lookout.operations.Refusal.NotApprover n ->
              "Only members with the `" + n.role() + "` role may approve or reject proposals.";
          case dev.lookout.operations.Refusal.OwnRequest o ->
              "You asked for this change, so someone else must approve it.";
          case dev.lookout.operations.Refusal.Expired e ->
              "Proposal #"
                  + e.id()
                  + " expired before it was decided, so it can no longer be "
                  + (e.wanted() == ProposalStatus.APPROVED ? "approved" : "rejected")
                  + ".";
          case dev.lookout.operations.Refusal.AlreadyDecided a ->
              "Proposal #"
                  + a.id()
                  + " is already "
                  + a.status().key().replace('_', ' ')
                  + a.by().map(by -> " (by " + UserText.quote(by) + ")").orElse("")
                  + ".";
        };
    String after =
        r instanceof dev.lookout.operations.Refusal.Expired
            ? " Nothing was changed; propose it again with /scale."
            : " Nothing was changed.";
    return why + after;
  }

  static Color color(ProposalStatus s) {
    return switch (s) {
      case PENDING -> new Color(0xF1C40F);
      case APPROVED, APPLYING -> new Color(0x3498DB);
      case APPLIED -> new Color(0x2ECC71);
      case FAILED -> new Color(0xE74C3C);
      case ROLLED_BACK -> new Color(0x9B59B6);
      default -> new Color(0x95A5A6);
    };
  }

  static String marker(ProposalStatus s) {
    return switch (s) {
      case PENDING -> "⚖️";
      case APPROVED, APPLYING -> "⏳";
      case APPLIED -> "✅";
      case FAILED -> "❌";
      case REJECTED -> "🚫";
      case EXPIRED -> "⌛";
      case ROLLED_BACK -> "↩️";
    };
  }
}
