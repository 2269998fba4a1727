package io.perfagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void defaultsWhenNothingIsSet() {
    AgentConfig c = AgentConfig.load(null, props(), Map.of());
    assertThat(c.get(AgentConfig.SUMMARY)).isTrue();
    assertThat(c.get(AgentConfig.FOLD_THRESHOLD)).isEqualTo(64);
    assertThat(c.get(AgentConfig.CPU_EXACT)).isEqualTo(Duration.ofNanos(100_000));
    assertThat(c.problems()).isEmpty();
  }

  @Test
  void agentOptionsBeatSystemPropertiesWhichBeatEnvironment() {
    Map<String, String> env = Map.of("PERF_FOLD_THRESHOLD", "10", "PERF_FOLD_EXEMPLARS", "3",
        "PERF_SUMMARY", "off");
    Properties sys = props("perf.fold.threshold", "20", "perf.fold.exemplars", "4");
    AgentConfig c = AgentConfig.load("fold.threshold=30", sys, env);
    assertThat(c.get(AgentConfig.FOLD_THRESHOLD)).isEqualTo(30);
    assertThat(c.get(AgentConfig.FOLD_EXEMPLARS)).isEqualTo(4);
    assertThat(c.get(AgentConfig.SUMMARY)).isFalse();
    assertThat(c.problems()).isEmpty();
  }

  @Test
  void aBadValueFallsBackToTheDefaultWithOneLineNamingIt() {
    AgentConfig c = AgentConfig.load("fold.threshold=lots,cpu.exact=fast", props(), Map.of());
    assertThat(c.get(AgentConfig.FOLD_THRESHOLD)).isEqualTo(64);
    assertThat(c.get(AgentConfig.CPU_EXACT)).isEqualTo(Duration.ofNanos(100_000));
    assertThat(c.problems()).hasSize(2);
    assertThat(c.problems().get(0)).contains("'lots'", "'fold.threshold'", "using 64");
    assertThat(c.problems().get(1)).contains("'fast'", "'cpu.exact'", "using 100us");
  }

  @Test
  void unknownKeysAreNamedAndIgnored() {
    AgentConfig c = AgentConfig.load("summry=off", props("perf.nope", "1"),
        Map.of("PERF_BUILDID_DIR", "/x")); // unrelated PERF_* variables are not ours to judge
    assertThat(c.problems()).hasSize(2);
    assertThat(c.problems().get(0)).contains("unknown key 'summry'", "-javaagent");
    assertThat(c.problems().get(1)).contains("unknown key 'nope'", "-Dperf.nope");
    assertThat(c.get(AgentConfig.SUMMARY)).isTrue();
  }

  @Test
  void durationsAcceptTheUsualUnits() {
    assertThat(ConfigKey.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(ConfigKey.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(ConfigKey.parseDuration("100us")).isEqualTo(Duration.ofNanos(100_000));
    assertThat(ConfigKey.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(ConfigKey.parseDuration("40")).isEqualTo(Duration.ofMillis(40));
    assertThat(ConfigKey.parseDuration("soon")).isNull();
  }

  @Test
  void outOfRangeIsABadValue() {
    AgentConfig c = AgentConfig.load("buffer.size=1", props(), Map.of());
    assertThat(c.get(AgentConfig.BUFFER_SIZE)).isEqualTo(1024);
    assertThat(c.problems()).singleElement().asString().contains("from 16 to");
  }

  @Test
  void stageRulesKeepTheirCommasInsideBrackets() {
    AgentConfig c = AgentConfig.load("stages=a.B#c(byte[],int)[name=x,mode=SPAN];a.B#d,"
        + "fold.threshold=7", props(), Map.of());
    assertThat(c.get(AgentConfig.STAGES)).isEqualTo("a.B#c(byte[],int)[name=x,mode=SPAN];a.B#d");
    assertThat(c.get(AgentConfig.FOLD_THRESHOLD)).isEqualTo(7);
    assertThat(c.problems()).isEmpty();
  }

  @Test
  void stageRulesFromEverySource() {
    assertThat(AgentConfig.load(null, props("perf.stages", "a.B#c,d"), Map.of())
        .get(AgentConfig.STAGES)).isEqualTo("a.B#c,d");
    AgentConfig env = AgentConfig.load(null, props(),
        Map.of("PERF_STAGES", "a.B#e", "PERF_STAGES_FILE", "/tmp/rules.txt"));
    assertThat(env.get(AgentConfig.STAGES)).isEqualTo("a.B#e");
    assertThat(env.get(AgentConfig.STAGES_FILE)).isEqualTo("/tmp/rules.txt");
  }

  @Test
  void unbalancedBracketsSplitOnEveryCommaAsBefore() {
    assertThat(AgentConfig.splitArgs("a=(x,b=y")).containsExactly("a=(x", "b=y");
    assertThat(AgentConfig.splitArgs("a=[x,y],b=z")).containsExactly("a=[x,y]", "b=z");
  }
}
