/** Routines on a fixed schedule of the injected clock, each isolated from the others' failures. */
package dev.lookout.scheduler;
