package io.perfagent.agent;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * New files of this process in the temp directory, deleted at exit. Not
 * {@code Files.createTempFile}: its random names seed a SecureRandom, tens of ms of CPU in a
 * JVM that has not needed one yet (and asking for the pid starts the process reaper). Names
 * carry a clock reading instead; CREATE_NEW never opens a file (or link) someone else put
 * there, so a clash, even a planted one, only moves on to the next name.
 */
public final class TempFiles {

  private TempFiles() {}

  public static Path create(String prefix, String suffix) throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    long n = System.nanoTime();
    for (int attempt = 0; ; attempt++) {
      try {
        Path file = Files.createFile(dir.resolve(prefix + Long.toHexString(n + attempt) + suffix));
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
