package dev.lookout.commands;

import dev.lookout.discord.UserMistake;
import dev.lookout.knowledge.Inputs;
import java.math.BigDecimal;
import java.util.Optional;
import net.dv8tion.jda.api.interactions.commands.CommandInteractionPayload;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * Reads a number option as sent, whatever a client put there: digits (a decimal may carry the
 * exponent JSON writes), never NaN or infinity, within the bounds the option declares, and never
 * narrowed with overflow. Discord's client holds members to the declared bounds, but a modified
 * client does not.
 */
final class NumberOption {
  private NumberOption() {}

  /**
   * A whole number in {@code [min, max]}, or empty when the option was left out.
   *
   * @throws UserMistake naming the option, the value as given and what is allowed
   */
  static Optional<Long> whole(CommandInteractionPayload event, String name, long min, long max) {
    return read(event, name, min, max, true).map(BigDecimal::longValueExact);
  }

  /**
   * A decimal number in {@code [min, max]}, or empty when the option was left out.
   *
   * @throws UserMistake naming the option, the value as given and what is allowed
   */
  static Optional<Double> decimal(
      CommandInteractionPayload event, String name, double min, double max) {
    return read(event, name, BigDecimal.valueOf(min), BigDecimal.valueOf(max), false)
        .map(BigDecimal::doubleValue);
  }

  private static Optional<BigDecimal> read(
      CommandInteractionPayload event, String name, long min, long max, boolean whole) {
    return read(event, name, BigDecimal.valueOf(min), BigDecimal.valueOf(max), whole);
  }

  private static Optional<BigDecimal> read(
      CommandInteractionPayload event, String name, BigDecimal min, BigDecimal max, boolean whole) {
    OptionMapping option = event.getOption(name);
    if (option == null) {
      return Optional.empty();
    }
    String text = option.getAsString().strip();
    String allowed =
        (whole ? "a whole number" : "a number")
            + " from "
            + min.stripTrailingZeros().toPlainString()
            + " to "
            + max.stripTrailingZeros().toPlainString();
    // A whole number is digits; a decimal may come as JSON writes doubles (1.0E-5). Never NaN or ∞.
    String grammar = whole ? "[-+]?\\d{1,40}" : "[-+]?\\d{1,40}(\\.\\d{1,40})?([eE][-+]?\\d{1,4})?";
    if (!text.matches(grammar)) {
      throw new UserMistake(
          "`" + name + "` must be " + allowed + "; " + Inputs.echo(text) + " is not.");
    }
    BigDecimal value = new BigDecimal(text);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new UserMistake(
          "`" + name + "` must be " + allowed + "; " + Inputs.echo(text) + " is outside that.");
    }
    return Optional.of(value);
  }
}
