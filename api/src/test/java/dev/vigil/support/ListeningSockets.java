package dev.vigil.support;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP listeners of a set of processes, read from Linux's {@code /proc}: each process's socket
 * inodes from {@code /proc/<pid>/fd}, matched with the LISTEN rows of {@code /proc/net/tcp} and
 * {@code tcp6}. What the kernel says, not what a banner says.
 */
public final class ListeningSockets {

  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /** A listener: its local address, decoded, and its port. */
  public record Listener(String address, int port, boolean loopback) {

    /** Bound to every interface: 0.0.0.0 or ::. */
    public boolean wildcard() {
      return address.equals("0.0.0.0") || address.equals("::") || address.equals("::ffff:0.0.0.0");
    }
  }

  /** The listeners of these processes. */
  public static List<Listener> of(Set<Long> pids) throws IOException {
    Set<String> inodes = new HashSet<>();
    for (long pid : pids) {
      Path fds = Path.of("/proc", Long.toString(pid), "fd");
      if (!Files.isDirectory(fds)) {
        continue;
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
        for (Path fd : entries) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring(8, target.length() - 1));
            }
          } catch (IOException closedMeanwhile) {
            // the descriptor was closed while listing
          }
        }
      }
    }
    return listeners(row -> inodes.contains(row[9]));
  }

  /** Every listener on the port, whichever process holds it. */
  public static List<Listener> onPort(int port) throws IOException {
    return listeners(row -> decode(row[1]).port() == port);
  }

  private static List<Listener> listeners(java.util.function.Predicate<String[]> wanted)
      throws IOException {
    List<Listener> listeners = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> rows = Files.readAllLines(Path.of(table));
      for (String row : rows.subList(1, rows.size())) {
        String[] columns = row.trim().split("\\s+");
        if (columns[3].equals(LISTEN) && wanted.test(columns)) {
          listeners.add(decode(columns[1]));
        }
      }
    }
    return listeners;
  }

  /** "0100007F:1F90" (IPv4, little-endian words) or the 32-digit IPv6 form. */
  static Listener decode(String local) {
    String[] parts = local.split(":");
    String hex = parts[0];
    int port = Integer.parseInt(parts[1], 16);
    if (hex.length() == 8) {
      String address = ipv4(hex);
      return new Listener(address, port, address.startsWith("127."));
    }
    if (hex.equals("00000000000000000000000000000000")) {
      return new Listener("::", port, false);
    }
    boolean loopback6 = hex.equals("00000000000000000000000001000000"); // ::1
    boolean mapped = hex.startsWith("0000000000000000FFFF0000");
    if (mapped) {
      String address = "::ffff:" + ipv4(hex.substring(24));
      return new Listener(address, port, address.startsWith("::ffff:127."));
    }
    return new Listener(loopback6 ? "::1" : hex, port, loopback6);
  }

  private static String ipv4(String littleEndianHex) {
    StringBuilder address = new StringBuilder();
    for (int i = 6; i >= 0; i -= 2) {
      address.append(Integer.parseInt(littleEndianHex.substring(i, i + 2), 16));
      if (i > 0) {
        address.append('.');
      }
    }
    return address.toString();
  }
}
