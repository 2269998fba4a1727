package io.perfagent.agent.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.bootstrap.StageInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageRuleParserTest {

  private static StageRule one(String text) {
    StageRuleParser p = new StageRuleParser().addAll(text, "test");
    assertThat(p.problems()).isEmpty();
    assertThat(p.rules()).hasSize(1);
    return p.rules().get(0);
  }

  private static String problem(String text) {
    StageRuleParser p = new StageRuleParser().addAll(text, "test");
    assertThat(p.rules()).isEmpty();
    assertThat(p.problems()).hasSize(1);
    return p.problems().get(0);
  }

  @Test
  void aClassAndAMethod() {
    StageRule r = one(" com.acme.Parser#parse ");
    assertThat(r.className()).isEqualTo("com.acme.Parser");
    assertThat(r.internalName()).isEqualTo("com/acme/Parser");
    assertThat(r.matchesName("parse")).isTrue();
    assertThat(r.matchesName("parseAll")).isFalse();
    assertThat(r.isPattern()).isFalse();
    assertThat(r.parameters()).isNull();
    assertThat(r.mode()).isEqualTo(StageInfo.MODE_AUTO);
    assertThat(r.stageName("Parser", "parse")).isEqualTo("Parser.parse");
    assertThat(r.text()).isEqualTo("com.acme.Parser#parse");
  }

  @Test
  void patternsTakeAnyRunOfCharacters() {
    StageRule all = one("com.acme.Writer#*");
    assertThat(all.isPattern()).isTrue();
    assertThat(all.matchesName("write")).isTrue();
    StageRule some = one("com.acme.Writer#write*Fast");
    assertThat(some.matchesName("writeFast")).isTrue();
    assertThat(some.matchesName("writeAllFast")).isTrue();
    assertThat(some.matchesName("writeAll")).isFalse();
    assertThat(one("a.B$Inner#*[name=w]").stageName("Inner", "flush")).isEqualTo("w.flush");
  }

  @Test
  void overloadsByParameterTypes() {
    StageRule r = one("com.acme.Codec#decode(byte[], int)");
    assertThat(r.parameters()).containsExactly("byte[]", "int");
    assertThat(r.matchesParameters(List.of("byte[]", "int"))).isTrue();
    assertThat(r.matchesParameters(List.of("byte[]"))).isFalse();
    assertThat(r.matchesParameters(List.of("byte[]", "long"))).isFalse();
    StageRule simple = one("com.acme.Codec#decode(String,Map$Entry...)");
    assertThat(simple.matchesParameters(List.of("java.lang.String", "java.util.Map$Entry[]")))
        .isTrue();
    assertThat(simple.matchesParameters(List.of("java.lang.String", "java.util.Map$Entry")))
        .isFalse();
    StageRule qualified = one("com.acme.Codec#decode(java.lang.String)");
    assertThat(qualified.matchesParameters(List.of("java.lang.String"))).isTrue();
    assertThat(qualified.matchesParameters(List.of("com.acme.String"))).isFalse();
    assertThat(one("com.acme.Codec#decode()").matchesParameters(List.of())).isTrue();
  }

  @Test
  void optionsNameModeAndPipeline() {
    StageRule r = one("com.acme.Job#run(int)[name=job, mode=aggregate, pipeline=orders]");
    assertThat(r.name()).isEqualTo("job");
    assertThat(r.stageName("Job", "run")).isEqualTo("job");
    assertThat(r.mode()).isEqualTo(StageInfo.MODE_AGGREGATE);
    assertThat(r.pipeline()).isEqualTo("orders");
    assertThat(r.parameters()).containsExactly("int");
    assertThat(one("com.acme.Job#run[mode=SPAN]").mode()).isEqualTo(StageInfo.MODE_SPAN);
  }

  @Test
  void severalRulesAndAFileWithComments() {
    StageRuleParser p = new StageRuleParser()
        .addAll("a.B#c; a.B#d(int)[name=x]", "stages")
        .addLines("# rules for the csv job\n\na.C#e\n  # indented comment\nnot a rule\n",
            "stages.file r.txt");
    assertThat(p.rules()).extracting(StageRule::text)
        .containsExactly("a.B#c", "a.B#d(int)[name=x]", "a.C#e");
    assertThat(p.problems()).singleElement().asString()
        .startsWith("bad stage rule 'not a rule' (from stages.file r.txt line 5): ")
        .endsWith("it is ignored, the other rules apply");
  }

  @Test
  void aBadRuleNamesItselfAndWhy() {
    assertThat(problem("com.acme.Parser.parse")).contains("'com.acme.Parser.parse'")
        .contains("expected class#method");
    assertThat(problem("com..acme#parse")).contains("'com..acme' is not a class name");
    assertThat(problem("com.acme.Parser#")).contains("no method after '#'");
    assertThat(problem("com.acme.Parser#<init>")).contains("constructors cannot be stages");
    assertThat(problem("com.acme.Parser#parse(int")).contains("do not end with ')'");
    assertThat(problem("com.acme.Parser#parse(in-t)")).contains("'in-t' is not a parameter type");
    assertThat(problem("com.acme.Parser#parse[name=x")).contains("do not end with ']'");
    assertThat(problem("com.acme.Parser#parse[colour=red]")).contains("unknown option 'colour'");
    assertThat(problem("com.acme.Parser#parse[mode=FAST]"))
        .contains("mode 'FAST' is not AUTO, SPAN or AGGREGATE");
    assertThat(problem("com.acme.Parser#parse[name=]")).contains("has no value");
  }

  @Test
  void theRestApplyWhenOneIsBad() {
    StageRuleParser p = new StageRuleParser().addAll("a.B#c;broken;a.B#d", "stages");
    assertThat(p.rules()).extracting(StageRule::text).containsExactly("a.B#c", "a.B#d");
    assertThat(p.problems()).singleElement().asString().contains("'broken'");
  }
}
