package dev.lookout.commands;

import dev.lookout.discord.ComponentHandler;
import dev.lookout.discord.ComponentId;
import dev.lookout.discord.DrillCards;
import dev.lookout.operations.DrillStatus;
import dev.lookout.operations.DrillWorkflow;
import dev.lookout.operations.LoadDrill;
import dev.lookout.store.DrillStore;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;

/** The drill card's Stop button (operator role). */
public final class DrillButtons implements ComponentHandler {
  private final DrillWorkflow drills;
  private final DrillStore store;
  private final String operatorRole;

  public DrillButtons(DrillWorkflow drills, DrillStore store, String operatorRole) {
    this.drills = drills;
    this.store = store;
    this.operatorRole = operatorRole;
  }

  @Override
  public String feature() {
    return DrillCards.FEATURE;
  }

  @Override
  public void handle(GenericComponentInteractionCreateEvent event, ComponentId id) {
    Optional<LoadDrill> drill = Optional.empty();
    if (id.action().equals("stop") && id.args().size() == 2 && id.arg(0).matches("\\d{1,18}")) {
      String token = id.arg(1);
      drill = store.find(Long.parseLong(id.arg(0))).filter(d -> d.token().equals(token));
    }
    if (drill.isEmpty()) {
      event
          .reply(
              "This control is no longer valid: the drill it was made for is not one Lookout"
                  + " holds. Nothing was changed.")
          .setEphemeral(true)
          .queue();
      return;
    }
    if (!Permissions.hasRole(event.getMember(), operatorRole)) {
      event
          .reply(Permissions.roleRefusal(operatorRole, "stop load drills"))
          .setEphemeral(true)
          .queue();
      return;
    }
    if (drill.get().status() != DrillStatus.RUNNING) {
      event
          .reply("Drill " + drill.get().label() + " already ended. Nothing was changed.")
          .setEphemeral(true)
          .queue();
      return;
    }
    event.deferReply(true).queue();
    Optional<LoadDrill> stopped = drills.stop(drill.get().service(), event.getUser().getName());
    event
        .getHook()
        .editOriginal(
            stopped
                .map(d -> "Drill " + d.label() + " stopped.")
                .orElse("Drill " + drill.get().label() + " already ended. Nothing was changed."))
        .queue();
  }
}
