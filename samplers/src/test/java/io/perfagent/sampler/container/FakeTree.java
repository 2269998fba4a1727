package io.perfagent.sampler.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes files under a temporary root: {@code write("proc/self/cgroup", "0::/\n")}. */
final class FakeTree {

  final Path root;

  FakeTree(Path root) {
    this.root = root;
  }

  Path proc() {
    return root.resolve("proc");
  }

  Path cgroup() {
    return root.resolve("cgroup");
  }

  FakeTree write(String relative, String content) {
    try {
      Path p = root.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
