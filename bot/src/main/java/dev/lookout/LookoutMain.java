package dev.lookout;

import dev.lookout.simulator.Simulator;
import dev.lookout.simulator.SimulatorConfig;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Lookout. With no {@code DISCORD_TOKEN} and no {@code GOOGLE_CLOUD_PROJECT} it runs in demo
 * mode against the in-process simulator.
 */
public final class LookoutMain {
  private LookoutMain() {}

  public static void main(String[] args) throws InterruptedException {
    String token = System.getenv("DISCORD_TOKEN");
    String project = System.getenv("GOOGLE_CLOUD_PROJECT");
    if ((token != null && !token.isBlank()) || (project != null && !project.isBlank())) {
      System.err.println(
          "lookout: production mode (DISCORD_TOKEN / GOOGLE_CLOUD_PROJECT set) is not built yet;"
              + " unset both to run the demo.");
      System.exit(2);
    }
    Simulator simulator = Simulator.start(SimulatorConfig.demo());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                }));
    System.out.println("Lookout demo mode: the simulated Cloud Run project is running.");
    System.out.println("  Google APIs (gRPC): " + simulator.grpcEndpoint());
    System.out.println("  Load endpoints:     " + simulator.loadBaseUrl() + "/services/{name}");
    System.out.println(
        "  The Discord side (simulated Discord, slash commands, terminal chat) is not built yet.");
    System.out.println("Ctrl-C stops.");
    stopped.await();
  }
}
