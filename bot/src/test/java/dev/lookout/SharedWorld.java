package dev.lookout;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One simulated world (Cloud Run project, Discord, and the bot against them) per test class, shared
 * by its tests, each of which sets up what it needs and can run alone. A class whose tests are
 * stories on the world's clock (a digest at 10:20, quiet hours until 11:15) is marked {@link
 * OnePerTest} and gets a new world for each test instead.
 *
 * <p>The world goes into the class's static {@link BotFixture} field; a static method marked {@link
 * Make} builds it when the defaults will not do. When a world ends, no request the bot sent may
 * have been one that Discord would reject, and it is closed.
 */
public final class SharedWorld
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  /** Builds the class's world: {@code static BotFixture world() throws Exception}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  public @interface Make {}

  /** Each test of the class gets a world of its own, starting at the same time. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  public @interface OnePerTest {}

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(SharedWorld.class);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (!perTest(context)) {
      open(context);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (!perTest(context)) {
      close(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (perTest(context)) {
      open(context);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (perTest(context)) {
      close(context);
    }
  }

  private static boolean perTest(ExtensionContext context) {
    return context.getRequiredTestClass().isAnnotationPresent(OnePerTest.class);
  }

  private static void open(ExtensionContext context) throws Exception {
    Class<?> test = context.getRequiredTestClass();
    BotFixture fixture = make(test);
    context.getStore(NS).put("fixture", fixture);
    field(test).set(null, fixture);
  }

  private static void close(ExtensionContext context) throws Exception {
    BotFixture fixture = context.getStore(NS).remove("fixture", BotFixture.class);
    if (fixture == null) {
      return;
    }
    try {
      assertThat(fixture.discord().violations()).as("requests Discord would reject").isEmpty();
    } finally {
      fixture.close();
      field(context.getRequiredTestClass()).set(null, null);
    }
  }

  private static BotFixture make(Class<?> test) throws Exception {
    for (Method m : test.getDeclaredMethods()) {
      if (m.isAnnotationPresent(Make.class)) {
        m.setAccessible(true);
        return (BotFixture) m.invoke(null);
      }
    }
    return new BotFixture();
  }

  private static Field field(Class<?> test) {
    for (Field f : test.getDeclaredFields()) {
      if (f.getType() == BotFixture.class && Modifier.isStatic(f.getModifiers())) {
        f.setAccessible(true);
        return f;
      }
    }
    throw new IllegalStateException(test.getName() + " has no static BotFixture field");
  }
}
