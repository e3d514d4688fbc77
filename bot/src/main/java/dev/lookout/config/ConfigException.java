package dev.lookout.config;

/** A configuration value that is missing or not allowed; the message names the key. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
  }
}
