/**
 * Everything that touches JDA: the one listener and router with its error boundary, component ids,
 * and the rendering of domain records into Discord messages. Nothing outside this package and
 * {@code commands} builds an embed.
 */
package dev.lookout.discord;
