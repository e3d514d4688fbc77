package dev.lookout.commands;

import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;

/** Who may change alerting: members with Manage Channels, or the configured operator role. */
final class Permissions {
  private Permissions() {}

  static boolean mayManageAlerts(Member member, String operatorRole) {
    if (member == null) {
      return false;
    }
    return member.hasPermission(Permission.MANAGE_CHANNEL)
        || member.getRoles().stream().anyMatch(r -> r.getName().equals(operatorRole));
  }

  /** Whether the member holds {@code role} (by name), or is a server administrator. */
  static boolean hasRole(Member member, String role) {
    if (member == null) {
      return false;
    }
    return member.hasPermission(Permission.ADMINISTRATOR)
        || member.getRoles().stream().anyMatch(r -> r.getName().equals(role));
  }

  static String roleRefusal(String role, String what) {
    return "You need the `" + role + "` role to " + what + ". Nothing was changed.";
  }

  static String refusal(String operatorRole) {
    return "You need the Manage Channels permission or the `"
        + operatorRole
        + "` role for this. Nothing was changed.";
  }
}
