package dev.lookout.commands;

import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

/**
 * The option that names a Cloud Run service, declared alike by every command: at most 49 characters
 * (Cloud Run's longest service name) and autocompleted from the known services. Discord does not
 * hold a member to the suggestions, so each command still checks the name.
 */
final class ServiceOption {
  static final String NAME = "service";
  static final int MAX_LENGTH = 49;

  private ServiceOption() {}

  static OptionData of(String description, boolean required) {
    return new OptionData(OptionType.STRING, NAME, description, required)
        .setMaxLength(MAX_LENGTH)
        .setAutoComplete(true);
  }
}
