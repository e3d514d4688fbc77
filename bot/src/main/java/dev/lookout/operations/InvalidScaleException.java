package dev.lookout.operations;

/** A change someone asked for that may not be made; the message says what is allowed. */
public final class InvalidScaleException extends RuntimeException {
  public InvalidScaleException(String message) {
    super(message);
  }
}
