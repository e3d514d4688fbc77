package dev.lookout.cloud;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Times every call to a Google API, by method and status, for {@code /metrics}, and remembers when
 * one last succeeded, for {@code /healthz}.
 */
public final class GoogleCallMetrics implements ClientInterceptor {
  private final MeterRegistry registry;
  private final java.time.Clock clock;
  private volatile java.time.Instant lastSuccess;

  public GoogleCallMetrics(MeterRegistry registry, java.time.Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** When any call to Google last succeeded, if one has. */
  public java.util.Optional<java.time.Instant> lastSuccess() {
    return java.util.Optional.ofNullable(lastSuccess);
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    long start = System.nanoTime();
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(
            new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                Timer.builder("lookout.google.call")
                    .description("Calls to Google Cloud APIs")
                    .tag("method", method.getFullMethodName())
                    .tag("status", status.getCode().name())
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                if (status.isOk()) {
                  lastSuccess = clock.instant();
                }
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
  }
}
