package dev.lookout.discord;

import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;

/** Handles the buttons and menus whose ids start with its {@link #feature()}. */
public interface ComponentHandler {
  String feature();

  void handle(GenericComponentInteractionCreateEvent event, ComponentId id);
}
