package dev.vigil.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paths that spell {@code /api/v1/...} another way are refused (400) or meet the same 401 as the
 * plain path: the access rules read the path Spring MVC routes, and the firewall refuses raw paths
 * that would be read two ways. Sent over a raw socket, so no client tidies them up first.
 */
class PathTricksTest extends AppTestBase {

  private static final List<String> TRICKS =
      List.of(
          "/api;/v1/incidents",
          "/api;x=1/v1/incidents",
          "/api/v1;/incidents",
          "/%61pi/v1/incidents",
          "/%61%70%69/v1/incidents",
          "//api/v1/incidents",
          "/api//v1/incidents",
          "/api/v1/../v1/incidents",
          "/api/v1/%2e%2e/v1/incidents",
          "/api/v1/./incidents",
          "/api%2fv1/incidents",
          "/api/v1/incidents%3b",
          "/api\\v1/incidents",
          "/x/../api/v1/incidents");

  @Test
  void everySpellingOfAnApiPathIsRefusedOrNeedsAToken() throws IOException {
    assertThat(status("/api/v1/incidents", null)).isEqualTo(401);
    for (String trick : TRICKS) {
      assertThat(status(trick, null)).as(trick).isIn(400, 401);
    }
  }

  @Test
  void aTenantTokenReachesNoOperatorRouteByAnotherSpelling() throws IOException {
    Team team = newTeam(60);
    List<String> tricks =
        List.of(
            "/api/v1/operator/accounts",
            "/api/v1/%6fperator/accounts",
            "/api/v1/incidents/../operator/accounts",
            "/api/v1/operator;/accounts",
            "/api//v1/operator/accounts",
            "/api/v1/Operator/accounts");
    for (String trick : tricks) {
      assertThat(status(trick, team.token())).as(trick).isIn(400, 403, 404);
    }
  }

  private int status(String rawPath, String token) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String request =
          "GET "
              + rawPath
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
              + (token == null ? "" : "Authorization: Token token=" + token + "\r\n")
              + "\r\n";
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }
}
