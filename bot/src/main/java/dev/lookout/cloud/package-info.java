/**
 * Cloud Run metrics, logs and admin behind small interfaces, and {@link
 * dev.lookout.cloud.GoogleClients}, the one factory for the official Google Cloud clients.
 */
package dev.lookout.cloud;
