package io.perfagent.demo;

import java.nio.file.Path;

/**
 * What the {@code write} stage left on disk.
 *
 * @param file the temporary output file; the pipeline deletes it when the run ends
 * @param bytes the file's size once closed
 */
public record WriteResult(Path file, long bytes) {}
