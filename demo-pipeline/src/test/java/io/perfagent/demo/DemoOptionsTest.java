package io.perfagent.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {

  @Test
  void defaultsWithoutArguments() {
    assertThat(DemoOptions.parse())
        .isEqualTo(new DemoOptions(DemoOptions.DEFAULT_RECORDS, DemoOptions.DEFAULT_SEED, false));
  }

  @Test
  void acceptsSeparateAndJoinedValues() {
    assertThat(DemoOptions.parse("--records", "1_000", "--seed=9", "--help"))
        .isEqualTo(new DemoOptions(1_000, 9, true));
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> DemoOptions.parse("--records", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--records");
    assertThatThrownBy(() -> DemoOptions.parse("--seed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> DemoOptions.parse("--fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown argument");
  }
}
