/**
 * A service's health as the bot sees it: the figures read from Cloud Monitoring, the limits they
 * are judged against, and the verdict. Plain Java; no JDA, no Google classes.
 */
package dev.lookout.health;
