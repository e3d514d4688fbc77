package dev.lookout.simulator.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MultipartTest {
  @Test
  @DisplayName("parts are split at the boundary only, even where the data holds most of it")
  void partsSplitAtTheBoundaryOnly() throws Exception {
    String boundary = "b0undary-42";
    byte[] image = new byte[5000];
    new Random(7).nextBytes(image);
    // Near-misses of the delimiter inside the file: all of it but its last byte, and its last byte.
    byte[] nearMiss =
        ("\r\n--" + boundary.substring(0, boundary.length() - 1) + "X")
            .getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(nearMiss, 0, image, 1000, nearMiss.length);
    image[2000] = '2';
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"content\":\"hi\"}\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"c.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    body.write(image);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));

    var parts = Multipart.parse("multipart/form-data; boundary=" + boundary, body.toByteArray());

    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).name()).isEqualTo("payload_json");
    assertThat(parts.get(0).text()).isEqualTo("{\"content\":\"hi\"}");
    assertThat(parts.get(1).filename()).isEqualTo("c.png");
    assertThat(parts.get(1).contentType()).isEqualTo("image/png");
    assertThat(parts.get(1).data()).isEqualTo(image);
  }

  @Test
  @DisplayName("the search finds what a byte-by-byte scan finds, on random bytes and needles")
  void searchAgreesWithAScan() {
    Random random = new Random(11);
    for (int round = 0; round < 2000; round++) {
      byte[] haystack = new byte[random.nextInt(200)];
      for (int i = 0; i < haystack.length; i++) {
        haystack[i] = (byte) ('a' + random.nextInt(3));
      }
      byte[] needle = new byte[1 + random.nextInt(5)];
      for (int i = 0; i < needle.length; i++) {
        needle[i] = (byte) ('a' + random.nextInt(3));
      }
      int from = haystack.length == 0 ? 0 : random.nextInt(haystack.length);
      assertThat(Multipart.indexOf(haystack, needle, from))
          .as("round %d", round)
          .isEqualTo(scan(haystack, needle, from));
    }
  }

  private static int scan(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
