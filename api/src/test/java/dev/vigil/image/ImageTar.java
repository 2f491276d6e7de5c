package dev.vigil.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An image as {@code docker save} and Jib's {@code buildTar} write it: {@code manifest.json}, the
 * image's config JSON, and one gzipped tar per layer, base image's first.
 */
record ImageTar(JsonNode manifest, JsonNode config, List<Path> layers) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Unpacks the image's tar (not its layers) into {@code workDirectory} and reads its config. */
  static ImageTar unpack(Path tar, Path workDirectory) {
    try (TarArchiveInputStream in =
        new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
      for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
        if (entry.isFile() && !entry.getName().contains("/")) {
          Files.copy(in, workDirectory.resolve(entry.getName()));
        }
      }
      JsonNode manifest = JSON.readTree(workDirectory.resolve("manifest.json").toFile()).get(0);
      JsonNode config =
          JSON.readTree(workDirectory.resolve(manifest.get("Config").asString()).toFile());
      List<Path> layers = new ArrayList<>();
      manifest.get("Layers").forEach(layer -> layers.add(workDirectory.resolve(layer.asString())));
      return new ImageTar(manifest, config, layers);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the image " + tar, e);
    }
  }

  JsonNode containerConfig() {
    return config.get("config");
  }

  /** The image's environment, as {@code NAME=value} entries become a map. */
  Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>();
    for (JsonNode entry : containerConfig().get("Env")) {
      String[] nameAndValue = entry.asString().split("=", 2);
      environment.put(nameAndValue[0], nameAndValue[1]);
    }
    return environment;
  }

  List<String> entrypoint() {
    List<String> entrypoint = new ArrayList<>();
    containerConfig().get("Entrypoint").forEach(part -> entrypoint.add(part.asString()));
    return entrypoint;
  }

  /** Every path the image's file system holds, from all layers, without a leading slash. */
  List<String> paths() {
    List<String> paths = new ArrayList<>();
    eachLayerEntry((entry, in) -> paths.add(entry.getName()));
    return paths;
  }

  /**
   * Writes the files under {@code app/} (what Jib adds: classes, resources, libraries, the
   * classpath file) into {@code root}, as a container's file system would show them.
   */
  void extractApp(Path root) {
    eachLayerEntry(
        (entry, in) -> {
          if (entry.isFile() && entry.getName().startsWith("app/")) {
            Path target = root.resolve(entry.getName()).normalize();
            if (!target.startsWith(root)) {
              throw new IllegalStateException("entry outside the image root: " + entry.getName());
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
        });
  }

  private interface EntryVisitor {
    void visit(TarArchiveEntry entry, InputStream content) throws IOException;
  }

  private void eachLayerEntry(EntryVisitor visitor) {
    for (Path layer : layers) {
      try (TarArchiveInputStream in =
          new TarArchiveInputStream(
              new GZIPInputStream(new BufferedInputStream(Files.newInputStream(layer))))) {
        for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
          visitor.visit(entry, in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not read layer " + layer.getFileName(), e);
      }
    }
  }
}
