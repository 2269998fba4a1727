package io.perfagent.agent.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.bootstrap.resource.ResourceSource;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplerLoaderTest {

  @Test
  void theSamplersLoadInTheirOwnLoaderAndJnaStaysInvisibleToTheAgent() throws Exception {
    List<URL> jars = SamplerLoader.nestedJars();
    assertThat(jars).extracting(u -> u.getPath().substring(u.getPath().lastIndexOf('/') + 1))
        .contains("perf-samplers.jar", "jna.jar", "oshi-core.jar");

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

  private static boolean canLoad(String name) {
    try {
      Class.forName(name, false, SamplerLoaderTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
