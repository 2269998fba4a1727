package io.perfagent.agent;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * New files of this process in the temp directory, deleted at exit. Not
 * {@code Files.createTempFile}: its random names seed a SecureRandom, tens of ms of CPU in a
 * JVM that has not needed one yet. Names carry the pid and a clock reading; CREATE_NEW never
 * opens a file (or link) someone else put there, and on a clash the next name is tried.
 */
public final class TempFiles {

  private TempFiles() {}

  public static Path create(String prefix, String suffix) throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    String stem = prefix + ProcessHandle.current().pid() + "-";
    long n = System.nanoTime();
    for (int attempt = 0; ; attempt++) {
      try {
        Path file = Files.createFile(dir.resolve(stem + (n + attempt) + suffix));
        file.toFile().deleteOnExit();
        return file;
      } catch (FileAlreadyExistsException e) {
        if (attempt == 99) {
          throw e;
        }
      }
    }
  }
}
