package io.perfagent.agent.weave;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.rules.RuleMatches;
import io.perfagent.agent.rules.StageRule;
import io.perfagent.agent.rules.StageRuleParser;
import io.perfagent.bootstrap.StageRegistry;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which methods stage rules weave: the named class's methods, overloads, patterns, and the
 * classes below an interface or abstract class (indirectly too), never a JDK class; and that
 * the woven classes load and run (the JVM verifies them).
 */
class RuleInstrumentationTest {

  private static final String FIXTURES = RuleFixtures.class.getName();

  private static List<StageRule> rules(String text) {
    StageRuleParser p = new StageRuleParser().addAll(text, "test");
    assertThat(p.problems()).isEmpty();
    return p.rules();
  }

  /** Loads {@code simple} (a nested class of RuleFixtures) woven under {@code text}. */
  private static Map<String, Set<String>> weave(RuleInstrumentation byRule, String simple)
      throws Exception {
    WovenLoader loader = new WovenLoader(List.of(byRule), n -> n.startsWith(FIXTURES + "$"));
    Class<?> c = Class.forName(FIXTURES + "$" + simple, true, loader);
    for (Method m : c.getDeclaredMethods()) {
      m.setAccessible(true); // woven code runs: a broken frame would fail here
    }
    return byRule.rules().matches.wovenBy(byRule.rules().rules.get(0));
  }

  private static RuleInstrumentation with(String text) {
    RuleInstrumentation byRule = new RuleInstrumentation();
    byRule.add(rules(text));
    return byRule;
  }

  @Test
  void aNamedMethodInTheNamedClassAnyAccessStaticToo() throws Exception {
    RuleInstrumentation byRule = with(FIXTURES + "$Codec#decode;" + FIXTURES + "$Codec#hidden");
    Map<String, Set<String>> woven = weave(byRule, "Codec");
    assertThat(woven.get(FIXTURES + "$Codec"))
        .containsExactlyInAnyOrder("decode(byte[],int)", "decode(String)", "decode(long)");
    assertThat(byRule.rules().matches.wovenBy(byRule.rules().rules.get(1))
        .get(FIXTURES + "$Codec")).containsExactly("hidden()");
  }

  @Test
  void anOverloadByItsParameterTypes() throws Exception {
    Map<String, Set<String>> woven =
        weave(with(FIXTURES + "$Codec#decode(byte[],int)[name=decode.bytes]"), "Codec");
    assertThat(woven.get(FIXTURES + "$Codec")).containsExactly("decode(byte[],int)");
    boolean named = false;
    for (int id = 0; id < StageRegistry.count(); id++) {
      named |= StageRegistry.stage(id).name.equals("decode.bytes");
    }
    assertThat(named).as("stage registered under the rule's name").isTrue();
  }

  @Test
  void aPatternTakesPublicMethodsOnly() throws Exception {
    Map<String, Set<String>> woven = weave(with(FIXTURES + "$Codec#*"), "Codec");
    assertThat(woven.get(FIXTURES + "$Codec"))
        .containsExactlyInAnyOrder("decode(byte[],int)", "decode(String)", "encode()");
  }

  @Test
  void anInterfaceRuleWeavesItsImplementationsThroughAnAbstractClass() throws Exception {
    RuleInstrumentation byRule = with(FIXTURES + "$Handler#handle");
    Map<String, Set<String>> woven = weave(byRule, "UpperHandler");
    assertThat(woven).containsOnlyKeys(FIXTURES + "$UpperHandler");
    assertThat(woven.get(FIXTURES + "$UpperHandler")).containsExactly("handle(String)");
  }

  @Test
  void aPatternBelowAnInterfaceTakesOnlyTheInterfacesMethods() throws Exception {
    Map<String, Set<String>> woven = weave(with(FIXTURES + "$Handler#*"), "UpperHandler");
    assertThat(woven.get(FIXTURES + "$UpperHandler")).containsExactly("handle(String)");
    assertThat(woven.get(FIXTURES + "$BaseHandler")).containsExactly("size()");
  }

  @Test
  void aJdkInterfaceWeavesTheApplicationsImplementations() throws Exception {
    Map<String, Set<String>> woven =
        weave(with("java.util.function.Supplier#get"), "Source");
    assertThat(woven).containsOnlyKeys(FIXTURES + "$Source");
    RuleSet set = with("java.util.function.Supplier#get").rules();
    byte[] jdkClass = SuperTypes.classFile(null, "java/util/function/Supplier");
    assertThat(WeavingTransformer.wanted(getClass().getClassLoader(),
        "java/util/function/Supplier", jdkClass, set, null)).as("the JDK's own type").isFalse();
  }

  @Test
  void aClassNoRuleNamesIsNotWanted() {
    RuleSet set = with(FIXTURES + "$Handler#handle;" + FIXTURES + "$Codec#decode").rules();
    ClassLoader loader = getClass().getClassLoader();
    assertThat(set.wants(loader, header("Plain"))).isFalse();
    assertThat(set.wants(loader, header("UpperHandler"))).isTrue();
    assertThat(set.wants(loader, header("Codec"))).isTrue();
    assertThat(set.wants(null, header("Codec"))).as("the bootstrap loader's").isFalse();
  }

  private static ClassHeader header(String simple) {
    return ClassBytes.header(WovenLoader.bytes(FIXTURES + "$" + simple));
  }

  @Test
  void aRuleThatMatchesNothingSaysSo() throws Exception {
    RuleInstrumentation byRule = with(FIXTURES + "$Codec#decode;com.example.Missing#run");
    weave(byRule, "Codec");
    List<String> lines = byRule.rules().matches.describe();
    assertThat(lines.get(0)).isEqualTo("stage rules: 1 of 2 matched (rule → methods woven)");
    assertThat(lines.get(1)).startsWith("  " + FIXTURES + "$Codec#decode → " + FIXTURES
        + "$Codec.decode(");
    assertThat(lines.get(2)).isEqualTo("  com.example.Missing#run → matched nothing");
  }

  @Test
  void aLaterAttachAddsRulesAndKeepsTheFirst() {
    RuleInstrumentation byRule = with("a.B#c");
    RuleSet next = byRule.add(rules("a.B#c;a.B#d"));
    assertThat(next.rules).extracting(StageRule::text).containsExactly("a.B#c", "a.B#d");
    assertThat(next.matches.rules()).hasSize(2);
  }

  @Test
  void aRuleWeavesABoundedNumberOfClasses() {
    RuleMatches m = new RuleMatches();
    StageRule r = rules("a.B#c").get(0);
    m.add(r);
    for (int i = 0; i < RuleMatches.MAX_CLASSES; i++) {
      assertThat(m.admits(r, "C" + i)).isTrue();
      m.record(r, "C" + i, "c()");
    }
    assertThat(m.admits(r, "C0")).as("woven before: again on retransform").isTrue();
    assertThat(m.admits(r, "D")).isFalse();
    assertThat(m.describe().get(1)).contains("left unwoven");
  }
}
