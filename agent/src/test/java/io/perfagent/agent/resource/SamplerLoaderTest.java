package io.perfagent.agent.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfagent.bootstrap.resource.ResourceSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplerLoaderTest {

  @Test
  void theSamplersLoadInTheirOwnLoaderAndJnaStaysInvisibleToTheAgent() throws Exception {
    List<String> said = new ArrayList<>();
    List<ResourceSource> sources = SamplerLoader.load(Map.of("sample.gpu", "off"), said::add);
    // the JVM source works everywhere, host and process wherever /proc or OSHI does
    assertThat(sources).extracting(ResourceSource::name).contains("host", "process", "jvm");
    for (ResourceSource s : sources) {
      ClassLoader l = s.getClass().getClassLoader();
      assertThat(l.getName()).isEqualTo("perf-samplers");
      assertThat(l.getParent()).isSameAs(ClassLoader.getPlatformClassLoader());
      s.close();
    }
    assertThat(said).noneMatch(line -> line.contains("could not be loaded"));
    // the agent's own loader never sees the samplers' dependencies
    assertThat(canLoad("com.sun.jna.Native")).isFalse();
    assertThat(canLoad("oshi.SystemInfo")).isFalse();
  }

  @Test
  void addsANestedJarOnlyWhenAClassOfItsPackageIsAskedFor() throws Exception {
    SamplerLoader.IsolatedLoader loader =
        new SamplerLoader.IsolatedLoader(SamplerLoader.NestedJars.locate());
    assertThat(loader.added()).isEmpty();
    Class<?> nativeClass = Class.forName("com.sun.jna.Platform", false, loader);
    assertThat(nativeClass.getClassLoader()).isSameAs(loader);
    assertThat(loader.added()).containsExactlyInAnyOrder("jna.jar", "jna-platform.jar");
    assertThat(loader.getResource("oshi.properties")).isNull(); // no package: nothing added
    assertThat(Class.forName("oshi.SystemInfo", false, loader).getClassLoader())
        .isSameAs(loader);
    assertThat(loader.added()).contains("oshi-core.jar").doesNotContain("slf4j-api.jar");
    assertThatThrownBy(() -> Class.forName("org.example.Missing", false, loader))
        .isInstanceOf(ClassNotFoundException.class);
    loader.close();
  }

  private static boolean canLoad(String name) {
    try {
      Class.forName(name, false, SamplerLoaderTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
