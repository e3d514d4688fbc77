package dev.lookout.cloud;

import dev.lookout.simulator.Simulator;
import dev.lookout.simulator.SimulatorConfig;
import io.grpc.ClientInterceptor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A simulator with two hours of history, and the bot's clients pointed at it. */
final class SimulatorFixture implements AutoCloseable {
  static final String PROJECT = "projects/lookout-demo";
  static final String LOCATION = "projects/lookout-demo/locations/us-central1";

  final Simulator simulator;
  final GoogleClients clients;

  SimulatorFixture() {
    this(SimulatorConfig.defaults().withHistory(Duration.ofHours(2)));
  }

  SimulatorFixture(SimulatorConfig config) {
    this(config, List.of());
  }

  /** A simulator whose clients pass every call through {@code interceptors} too. */
  SimulatorFixture(SimulatorConfig config, List<ClientInterceptor> interceptors) {
    simulator = Simulator.start(config);
    clients = GoogleClients.create(Optional.of(simulator.grpcEndpoint()), interceptors);
  }

  String serviceName(String service) {
    return LOCATION + "/services/" + service;
  }

  @Override
  public void close() {
    clients.close();
    simulator.close();
  }
}
