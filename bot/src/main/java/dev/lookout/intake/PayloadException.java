package dev.lookout.intake;

/** A payload refused, with the HTTP status that tells the sender whether to try again. */
public final class PayloadException extends RuntimeException {
  private final int status;

  public PayloadException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
