/** One class per slash command, and the component handlers that belong to them. */
package dev.lookout.commands;
