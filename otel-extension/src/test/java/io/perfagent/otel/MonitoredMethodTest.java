package io.perfagent.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.Monitored;
import io.perfagent.bootstrap.StageInfo;
import io.perfagent.bootstrap.StageRegistry;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/** Stages registered from {@code @Monitored} as Byte Buddy describes it, named as perf.jar does. */
class MonitoredMethodTest {

  @Monitored(pipeline = "typed", mode = Monitored.Mode.AGGREGATE)
  static final class Typed {
    public void anyPublic() {}
  }

  static final class Methods {
    @Monitored(value = "named", pipeline = "pipe", mode = Monitored.Mode.SPAN)
    void named() {}

    @Monitored
    void unnamed() {}
  }

  private static MonitoredMethod of(Class<?> type, String method) {
    TypeDescription t = TypeDescription.ForLoadedType.of(type);
    MethodDescription m = t.getDeclaredMethods().filter(
        net.bytebuddy.matcher.ElementMatchers.named(method)).getOnly();
    return MonitoredMethod.of(t, m);
  }

  @Test
  void aMethodsOwnAnnotationGivesNamePipelineAndMode() {
    MonitoredMethod m = of(Methods.class, "named");
    StageInfo info = StageRegistry.stage(m.stageId);
    assertThat(info.name).isEqualTo("named");
    assertThat(info.pipeline).isEqualTo("pipe");
    assertThat(m.mode).isEqualTo(StageInfo.MODE_SPAN);
    assertThat(info.codeFunction).isEqualTo(Methods.class.getName() + ".named");
    assertThat(of(Methods.class, "named").stageId).as("registered once").isEqualTo(m.stageId);
  }

  @Test
  void withoutANameTheStageIsSimpleClassNameDotMethod() {
    MonitoredMethod m = of(Methods.class, "unnamed");
    assertThat(StageRegistry.stage(m.stageId).name).isEqualTo("Methods.unnamed");
    assertThat(m.mode).isEqualTo(StageInfo.MODE_AUTO);
  }

  @Test
  void aTypesAnnotationCoversItsPublicMethods() {
    MonitoredMethod m = of(Typed.class, "anyPublic");
    StageInfo info = StageRegistry.stage(m.stageId);
    assertThat(info.name).isEqualTo("Typed.anyPublic");
    assertThat(info.pipeline).isEqualTo("typed");
    assertThat(m.mode).isEqualTo(StageInfo.MODE_AGGREGATE);
  }
}
