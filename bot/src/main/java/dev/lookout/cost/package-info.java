/**
 * What Cloud Run usage costs: the price list that reports and scaling proposals both price with.
 * Part of the core; it imports no adapter.
 */
package dev.lookout.cost;
