/** Starting and stopping the bot's parts in order; depends on nothing else of the bot. */
package dev.lookout.lifecycle;
