/** Typed configuration from {@code lookout.yaml} and environment variables, checked at start. */
package dev.lookout.config;
