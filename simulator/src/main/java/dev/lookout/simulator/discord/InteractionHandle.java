package dev.lookout.simulator.discord;

import dev.lookout.simulator.discord.DiscordModel.Interaction;
import dev.lookout.simulator.discord.DiscordModel.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A command or click a user made, and what the bot answered. */
public final class InteractionHandle {
  private final SimulatedDiscord discord;
  private final Interaction interaction;

  InteractionHandle(SimulatedDiscord discord, Interaction interaction) {
    this.discord = discord;
    this.interaction = interaction;
  }

  public long id() {
    return interaction.id;
  }

  public String token() {
    return interaction.token;
  }

  public boolean acknowledged() {
    return interaction.acknowledgedAt != null;
  }

  /** Waits for the bot's suggestions for an autocomplete interaction: each choice's value. */
  public java.util.List<String> awaitChoices(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && !Thread.currentThread().isInterrupted()) {
      long seen = discord.changes();
      var choices = interaction.choices;
      if (choices != null) {
        java.util.List<String> out = new java.util.ArrayList<>();
        choices.forEach(c -> out.add(c.path("value").asText()));
        return out;
      }
      discord.awaitChange(seen, deadline);
    }
    throw new AssertionError("the bot suggested nothing within " + timeout);
  }

  /** The bot's reply (the interaction's original message), once there is one. */
  public Optional<Message> reply() {
    Long id = interaction.originalMessageId;
    return id == null ? Optional.empty() : discord.findMessage(id);
  }

  /**
   * Waits until the reply is final: sent, and no longer a deferred "thinking" placeholder. For a
   * click that updates the message it was on, that message is returned once the bot has edited or
   * acknowledged it.
   */
  public Message awaitReply(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && !Thread.currentThread().isInterrupted()) {
      long seen = discord.changes();
      int ack = interaction.ackType;
      if (ack == 6 || ack == 7) {
        Message clicked = discord.findMessage(interaction.messageId).orElse(null);
        if (clicked != null
            && clicked.editedAt() != null
            && !clicked.editedAt().isBefore(interaction.createdAt)) {
          return clicked;
        }
      } else {
        Optional<Message> reply = reply();
        if (reply.isPresent() && !reply.get().body().path("_deferred").asBoolean(false)) {
          return reply.get();
        }
        if (reply.isEmpty() && interaction.originalMessageId != null) {
          // The bot deleted its first response; what the member sees is its latest follow-up.
          Optional<Message> followUp = discord.latestFollowUp(interaction.token);
          if (followUp.isPresent()) {
            return followUp.get();
          }
        }
      }
      discord.awaitChange(seen, deadline);
    }
    throw new AssertionError(
        "the bot did not answer interaction " + interaction.id + " within " + timeout);
  }
}
