package io.perfagent.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfagent.agent.weave.Hook.Arg;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

class ClassWeaverTest {

  private static final String SAMPLE = Sample.class.getName();

  @BeforeEach
  void reset() {
    Calls.reset();
  }

  /** Advice on the named methods of Sample: enter(id) / exit(token, id, thrown). */
  private static Instrumentation around(int id, String... methods) {
    Advice advice = Advice.around(Hook.to(Calls.class, "enter", Arg.constant(id)),
        Hook.to(Calls.class, "exit", Arg.entered(), Arg.constant(id), Arg.thrown()));
    return (type, method, loader) ->
        type.named(SAMPLE.replace('.', '/')) && List.of(methods).contains(method.name)
            ? advice : null;
  }

  private static Object call(Class<?> c, String name, Object... args) throws Throwable {
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        try {
          Object self = java.lang.reflect.Modifier.isStatic(m.getModifiers()) ? null
              : c.getDeclaredConstructor().newInstance();
          return m.invoke(self, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new NoSuchMethodException(name);
  }

  private static Class<?> woven(Instrumentation... instrumentations) throws Exception {
    WovenLoader loader = new WovenLoader(List.of(instrumentations), SAMPLE::equals);
    Class<?> c = Class.forName(SAMPLE, true, loader);
    assertThat(loader.woven).isEqualTo(1);
    return c;
  }

  @Test
  void callsEnterAndExitOnEveryReturnAndKeepsResults() throws Throwable {
    Class<?> c = woven(around(3, "sum", "wide", "half", "caught", "choose"));
    assertThat(call(c, "sum", 5)).isEqualTo(10);
    assertThat(call(c, "wide", 5L, 2.5)).isEqualTo(7L);
    assertThat(call(c, "half", 3.0)).isEqualTo(1.5);
    assertThat(call(c, "caught", 1)).isEqualTo(2);
    assertThat(call(c, "caught", 0)).isEqualTo(1);
    assertThat(call(c, "choose", 0)).isEqualTo("zero");
    assertThat(call(c, "choose", 1)).isNull();
    assertThat(call(c, "choose", 9)).isEqualTo(9);
    assertThat(Calls.LOG).containsExactly(
        "enter 3", "exit 3 token 1000", "enter 3", "exit 3 token 1001",
        "enter 3", "exit 3 token 1002", "enter 3", "exit 3 token 1003",
        "enter 3", "exit 3 token 1004", "enter 3", "exit 3 token 1005",
        "enter 3", "exit 3 token 1006", "enter 3", "exit 3 token 1007");
  }

  @Test
  void exitSeesTheExceptionWhichStillReachesTheCaller() throws Exception {
    Class<?> c = woven(around(4, "fail"));
    assertThatThrownBy(() -> call(c, "fail", "boom"))
        .isInstanceOf(IllegalStateException.class).hasMessage("boom");
    assertThat(Calls.LOG).containsExactly("enter 4",
        "exit 4 token 1000 threw java.lang.IllegalStateException: boom");
  }

  @Test
  void hooksSeeReceiverAndParametersAsTheyWereOnEntry() throws Throwable {
    Advice seeing = Advice.around(
        Hook.to(Calls.class, "enterSeeing", Arg.parameter(1), Arg.parameter(0),
            Arg.parameter(1)),
        Hook.to(Calls.class, "exitSeeing", Arg.parameter(0), Arg.parameter(1), Arg.thrown()));
    // enterSeeing(Object self, long, Object): for a static method "self" is parameter 1
    Class<?> c = woven((type, method, loader) ->
        type.named(SAMPLE.replace('.', '/')) && method.name.equals("label") ? seeing : null);
    assertThat(call(c, "label", 42L, "x")).isEqualTo("label");
    assertThat(Calls.LOG).containsExactly("enter String 42 x", "exit saw 42 x");
  }

  @Test
  void severalChangesToOneMethodNestFirstOutermost() throws Throwable {
    Class<?> c = woven(around(1, "sum"), around(2, "sum"));
    assertThat(call(c, "sum", 3)).isEqualTo(3);
    assertThat(Calls.LOG).containsExactly(
        "enter 1", "enter 2", "exit 2 token 1001", "exit 1 token 1000");
  }

  @Test
  void passesTheReturnedValueOnReturnOnly() throws Throwable {
    Advice returned = Advice.onReturn(Hook.to(Calls.class, "returned", Arg.returned()));
    Class<?> c = woven((type, method, loader) ->
        type.named(SAMPLE.replace('.', '/')) && method.name.equals("choose") ? returned : null);
    assertThat(call(c, "choose", 0)).isEqualTo("zero");
    assertThat(call(c, "choose", 5)).isEqualTo(5);
    assertThat(Calls.LOG).containsExactly("returned zero", "returned 5");
  }

  @Test
  void substitutesTheCallAndNothingElse() throws Throwable {
    MethodRewrite substitution = new CallSubstitution("java/lang/Runnable", "run", "()V",
        Hook.to(Calls.class, "run", Arg.parameter(0)));
    Class<?> c = woven((type, method, loader) ->
        type.named(SAMPLE.replace('.', '/')) && method.name.equals("runIt")
            ? substitution : null);
    List<String> ran = new ArrayList<>();
    call(c, "runIt", (Runnable) () -> ran.add("task"));
    assertThat(Calls.LOG).containsExactly("run substituted");
    assertThat(ran).containsExactly("task");
  }

  @Test
  void leavesAClassWithNothingToWeaveAlone() {
    ClassWeaver weaver = new ClassWeaver(List.of(around(1, "absent")));
    assertThat(weaver.weave(WovenLoader.bytes(SAMPLE), null)).isNull();
  }

  /**
   * Every method with code in two real libraries (ASM's own, with its big switch-heavy
   * methods, and the OpenTelemetry trace SDK), woven with enter and exit-on-throw advice that copies a
   * parameter: the JVM verifies each class when it links it, so a wrong stack map frame or
   * exception range fails here.
   */
  @Test
  void wovenRealLibrariesPassTheVerifier() throws Exception {
    Advice advice = Advice.around(Hook.to(Calls.class, "any", Arg.constant(7)),
        Hook.to(Calls.class, "anyExit", Arg.entered(), Arg.constant(300), Arg.thrown()));
    List<String> classes = new ArrayList<>();
    classes.addAll(classesOf(ClassReader.class));
    classes.addAll(classesOf(SdkTracerProvider.class));
    WovenLoader loader = new WovenLoader(List.of((type, method, l) -> advice),
        classes::contains);
    int linked = 0;
    for (String name : classes) {
      try {
        Class.forName(name, false, loader).getDeclaredMethods(); // links, so verifies
        linked++;
      } catch (NoClassDefFoundError optionalDependencyMissing) {
        // a class of an optional feature whose library is not on the test class path
      }
    }
    assertThat(linked).isGreaterThan(100);
    assertThat(loader.woven).isGreaterThan(100);
  }

  private static List<String> classesOf(Class<?> member) throws Exception {
    List<String> names = new ArrayList<>();
    String jar = member.getProtectionDomain().getCodeSource().getLocation().getPath();
    try (JarFile file = new JarFile(jar)) {
      for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
        String entry = e.nextElement().getName();
        if (entry.endsWith(".class") && !entry.contains("module-info")
            && !entry.startsWith("META-INF")) {
          names.add(entry.substring(0, entry.length() - 6).replace('/', '.'));
        }
      }
    }
    return names;
  }
}
