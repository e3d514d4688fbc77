package dev.lookout.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layering docs/ARCHITECTURE.md draws, as rules: the core owns its ports and imports no
 * adapter; adapters point inwards; rendering lives in {@code discord}. Each rule says in words what
 * it guards.
 */
class ArchitectureTest {
  static final String[] CORE = {
    "dev.lookout.alerts..",
    "dev.lookout.operations..",
    "dev.lookout.reports..",
    "dev.lookout.knowledge..",
    "dev.lookout.health..",
    "dev.lookout.cost..",
    "dev.lookout.outbox..",
    "dev.lookout.lifecycle.."
  };
  static final String[] ADAPTERS = {
    "dev.lookout.store..",
    "dev.lookout.cloud..",
    "dev.lookout.discord..",
    "dev.lookout.commands..",
    "dev.lookout.scheduler..",
    "dev.lookout.config..",
    "dev.lookout.demo..",
    "dev.lookout.intake.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void read() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lookout");
  }

  @Test
  @DisplayName(
      "the core (alerts, operations, reports, knowledge, health, cost, outbox) imports no adapter")
  void coreImportsNoAdapter() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ADAPTERS)
        .because("the core declares the ports it needs and adapters implement them")
        .check(classes);
  }

  @Test
  @DisplayName("the core knows neither Discord (JDA), Google's clients nor JDBC")
  void coreKnowsNoOutsideSystem() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("net.dv8tion..", "com.google..", "java.sql..", "javax.sql..")
        .check(classes);
  }

  @Test
  @DisplayName("storage and Google adapters know nothing of Discord, commands or the scheduler")
  void storeAndCloudStayOutOfDiscord() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.lookout.store..", "dev.lookout.cloud..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.lookout.discord..",
            "dev.lookout.commands..",
            "dev.lookout.scheduler..",
            "net.dv8tion..")
        .check(classes);
  }

  @Test
  @DisplayName("the scheduler only ticks routines: it renders nothing and calls no Google client")
  void schedulerTicksOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.lookout.scheduler..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.lookout.discord..",
            "dev.lookout.commands..",
            "dev.lookout.cloud..",
            "net.dv8tion..",
            "com.google..")
        .check(classes);
  }

  @Test
  @DisplayName("commands do not reach into the scheduler")
  void commandsDoNotUseTheScheduler() {
    noClasses()
        .that()
        .resideInAPackage("dev.lookout.commands..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.lookout.scheduler..")
        .check(classes);
  }

  @Test
  @DisplayName("rendering lives only in discord: no other package builds an embed or a message")
  void renderingLivesInDiscord() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.lookout.discord..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("net.dv8tion.jda.api.EmbedBuilder")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("net.dv8tion.jda.api.utils.messages.MessageCreateBuilder")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("net.dv8tion.jda.api.utils.messages.MessageEditBuilder")
        .check(classes);
  }

  @Test
  @DisplayName("no two packages depend on each other, directly or around a circle")
  void noCycles() {
    slices().matching("dev.lookout.(*)..").should().beFreeOfCycles().check(classes);
  }
}
