/**
 * The messages the bot owes its channels, as one sealed type. Part of the core: the store encodes
 * them in one codec, the discord adapter renders and sends them.
 */
package dev.lookout.outbox;
