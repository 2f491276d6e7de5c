package dev.vigil.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code VIGIL_DATA_DIR}: where the embedded PostgreSQL and the embedded Temporal server keep their
 * data, and where the Temporal CLI is installed when it has to be. One directory, so backing up or
 * wiping a single-node Vigil is one command.
 */
@Component
public class DataDirectory {

  private final Path root;

  DataDirectory(@Value("${vigil.data-dir}") String root) {
    this.root = Path.of(root).toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** A subdirectory, created when missing. */
  public Path resolve(String name) {
    Path dir = root.resolve(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + " (VIGIL_DATA_DIR)", e);
    }
    return dir;
  }
}
