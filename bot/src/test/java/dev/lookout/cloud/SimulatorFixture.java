package dev.lookout.cloud;

import dev.lookout.simulator.Simulator;
import dev.lookout.simulator.SimulatorConfig;
import java.time.Duration;
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
    simulator = Simulator.start(config);
    clients = GoogleClients.create(Optional.of(simulator.grpcEndpoint()));
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
