package dev.lookout.operations;

/** A drill that may not run as asked; the message says what is allowed. */
public final class InvalidDrillException extends RuntimeException {
  public InvalidDrillException(String message) {
    super(message);
  }
}
