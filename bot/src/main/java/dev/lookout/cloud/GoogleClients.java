package dev.lookout.cloud;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.longrunning.OperationTimedPollAlgorithm;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.logging.v2.LoggingClient;
import com.google.cloud.logging.v2.LoggingSettings;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.google.cloud.monitoring.v3.MetricServiceSettings;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.run.v2.ServicesSettings;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one place that builds Google Cloud clients. In production they use Google's endpoints and
 * application-default credentials; with an endpoint override (demo mode, tests) they talk plaintext
 * gRPC to that host:port without credentials. Nothing else in the bot knows which.
 */
public final class GoogleClients implements AutoCloseable {
  private final MetricServiceClient metrics;
  private final LoggingClient logging;
  private final ServicesClient services;

  private GoogleClients(
      MetricServiceClient metrics, LoggingClient logging, ServicesClient services) {
    this.metrics = metrics;
    this.logging = logging;
    this.services = services;
  }

  /**
   * @param endpointOverride {@code host:port} of a Google API server such as the simulator, or
   *     empty for Google itself
   */
  public static GoogleClients create(Optional<String> endpointOverride) {
    return create(endpointOverride, List.of());
  }

  /**
   * @param interceptors see every call, such as {@link GoogleCallMetrics}
   */
  public static GoogleClients create(
      Optional<String> endpointOverride, List<ClientInterceptor> interceptors) {
    if (endpointOverride.isEmpty()) {
      requireCredentials();
    }
    try {
      return new GoogleClients(
          MetricServiceClient.create(
              metricSettings(
                  endpointOverride,
                  transport(
                      MetricServiceSettings.defaultGrpcTransportProviderBuilder(),
                      endpointOverride,
                      interceptors))),
          LoggingClient.create(
              loggingSettings(
                  endpointOverride,
                  transport(
                      LoggingSettings.defaultGrpcTransportProviderBuilder(),
                      endpointOverride,
                      interceptors))),
          ServicesClient.create(
              servicesSettings(
                  endpointOverride,
                  transport(
                      ServicesSettings.defaultGrpcTransportProviderBuilder(),
                      endpointOverride,
                      interceptors))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Google Cloud clients: " + e.getMessage(), e);
    }
  }

  /** Google credentials could not be found; the message says how to provide them. */
  public static final class MissingCredentialsException extends RuntimeException {
    MissingCredentialsException(String message) {
      super(message);
    }
  }

  private static void requireCredentials() {
    try {
      com.google.auth.oauth2.GoogleCredentials.getApplicationDefault();
    } catch (IOException e) {
      throw new MissingCredentialsException(
          "no Google credentials: Application Default Credentials were not found. On Cloud Run"
              + " give the service a service account; elsewhere run `gcloud auth"
              + " application-default login` or set GOOGLE_APPLICATION_CREDENTIALS to a key file;"
              + " or set GOOGLE_API_ENDPOINT to a Google API server without credentials (the"
              + " simulator).");
    }
  }

  /**
   * Reads retry for at most this long: a chat command should say "Google is unreachable" in seconds
   * rather than wait out the library's default minute.
   */
  static final Duration READ_DEADLINE = Duration.ofSeconds(4);

  private static RetrySettings readRetries(RetrySettings defaults) {
    return defaults.toBuilder()
        .setTotalTimeoutDuration(READ_DEADLINE)
        .setMaxRpcTimeoutDuration(READ_DEADLINE)
        .setInitialRpcTimeoutDuration(READ_DEADLINE)
        .build();
  }

  private static TransportChannelProvider transport(
      InstantiatingGrpcChannelProvider.Builder builder,
      Optional<String> endpoint,
      List<ClientInterceptor> interceptors) {
    if (endpoint.isPresent()) {
      builder.setChannelConfigurator(ManagedChannelBuilder::usePlaintext);
    }
    if (!interceptors.isEmpty()) {
      builder.setInterceptorProvider(() -> interceptors);
    }
    return builder.build();
  }

  private static MetricServiceSettings metricSettings(
      Optional<String> endpoint, TransportChannelProvider transport) throws IOException {
    MetricServiceSettings.Builder b = MetricServiceSettings.newBuilder();
    b.listTimeSeriesSettings()
        .setRetrySettings(readRetries(b.listTimeSeriesSettings().getRetrySettings()));
    b.setTransportChannelProvider(transport);
    if (endpoint.isPresent()) {
      b.setEndpoint(endpoint.get()).setCredentialsProvider(noCredentials());
    }
    return b.build();
  }

  private static LoggingSettings loggingSettings(
      Optional<String> endpoint, TransportChannelProvider transport) throws IOException {
    LoggingSettings.Builder b = LoggingSettings.newBuilder();
    b.listLogEntriesSettings()
        .setRetrySettings(readRetries(b.listLogEntriesSettings().getRetrySettings()));
    b.setTransportChannelProvider(transport);
    if (endpoint.isPresent()) {
      b.setEndpoint(endpoint.get()).setCredentialsProvider(noCredentials());
    }
    return b.build();
  }

  private static ServicesSettings servicesSettings(
      Optional<String> endpoint, TransportChannelProvider transport) throws IOException {
    ServicesSettings.Builder b = ServicesSettings.newBuilder();
    b.getServiceSettings().setRetrySettings(readRetries(b.getServiceSettings().getRetrySettings()));
    b.listServicesSettings()
        .setRetrySettings(readRetries(b.listServicesSettings().getRetrySettings()));
    b.setTransportChannelProvider(transport);
    if (endpoint.isPresent()) {
      b.setEndpoint(endpoint.get()).setCredentialsProvider(noCredentials());
    }
    // A rollout takes seconds to minutes; the default first poll waits up to 5 s.
    b.updateServiceOperationSettings()
        .setPollingAlgorithm(
            OperationTimedPollAlgorithm.create(
                RetrySettings.newBuilder()
                    .setInitialRetryDelayDuration(Duration.ofMillis(250))
                    .setRetryDelayMultiplier(1.5)
                    .setMaxRetryDelayDuration(Duration.ofSeconds(5))
                    .setInitialRpcTimeoutDuration(Duration.ZERO)
                    .setRpcTimeoutMultiplier(1.0)
                    .setMaxRpcTimeoutDuration(Duration.ZERO)
                    .setTotalTimeoutDuration(Duration.ofMinutes(15))
                    .build()));
    return b.build();
  }

  private static CredentialsProvider noCredentials() {
    return NoCredentialsProvider.create();
  }

  public MetricServiceClient metrics() {
    return metrics;
  }

  public LoggingClient logging() {
    return logging;
  }

  public ServicesClient services() {
    return services;
  }

  @Override
  public void close() {
    metrics.close();
    logging.close();
    services.close();
  }
}
