package dev.lookout.simulator.discord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small multipart/form-data reader for the bodies JDA sends with attachments. */
final class Multipart {
  record Part(String name, String filename, String contentType, byte[] data) {
    String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

  private Multipart() {}

  static List<Part> parse(String contentType, byte[] body) {
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      throw new IllegalArgumentException("multipart body without a boundary");
    }
    byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int pos = indexOf(body, delimiter, 0);
    while (pos >= 0) {
      int start = pos + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break;
      }
      start += 2; // CRLF after the delimiter
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        break;
      }
      int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      String headers = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
      byte[] data = Arrays.copyOfRange(body, headerEnd + 4, next - 2);
      String name = null;
      String filename = null;
      String type = "application/octet-stream";
      for (String line : headers.split("\r\n")) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-disposition")) {
          Matcher n = NAME.matcher(line);
          name = n.find() ? n.group(1) : null;
          Matcher f = FILENAME.matcher(line);
          filename = f.find() ? f.group(1) : null;
        } else if (lower.startsWith("content-type")) {
          type = line.substring(line.indexOf(':') + 1).trim();
        }
      }
      parts.add(new Part(name, filename, type, data));
      pos = next;
    }
    return parts;
  }

  /**
   * Where {@code needle} first occurs in {@code haystack} from {@code from}, or -1 (Horspool's
   * search: a window whose last byte does not occur in the needle is skipped whole, so an image
   * part is crossed a boundary's length at a time rather than byte by byte).
   */
  static int indexOf(byte[] haystack, byte[] needle, int from) {
    int m = needle.length;
    if (m == 0) {
      return Math.min(Math.max(from, 0), haystack.length);
    }
    int[] skip = new int[256];
    Arrays.fill(skip, m);
    for (int j = 0; j < m - 1; j++) {
      skip[needle[j] & 0xff] = m - 1 - j;
    }
    int i = Math.max(from, 0);
    while (i <= haystack.length - m) {
      byte last = haystack[i + m - 1];
      if (last == needle[m - 1] && Arrays.equals(haystack, i, i + m - 1, needle, 0, m - 1)) {
        return i;
      }
      i += skip[last & 0xff];
    }
    return -1;
  }
}
