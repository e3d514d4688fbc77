/**
 * The log knowledge base: ingest, redact, mine templates, embed, retrieve and compose answers. It
 * depends on neither JDA nor Google's libraries. Its features arrive with the knowledge issue.
 */
package dev.lookout.knowledge;
