package dev.lookout.discord;

/**
 * A member's input that cannot be used, found before anything was changed. The error boundary
 * answers it privately with this message, and says nothing was changed.
 */
public final class UserMistake extends RuntimeException {
  public UserMistake(String message) {
    super(message);
  }
}
