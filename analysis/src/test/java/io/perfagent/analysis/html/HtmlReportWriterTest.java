package io.perfagent.analysis.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {

  static final String PAYLOAD = "</script><script>alert(1)</script>";
  private static final Pattern DATA_BLOCK = Pattern.compile(
      "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

  static String sample() throws IOException {
    try (InputStream in = HtmlReportWriterTest.class.getResourceAsStream("sample-report.json")) {
      assertThat(in).as("sample-report.json on the test class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String hostileReport() {
    return "{\"schema\":\"perf-report/1\",\"pipelines\":[{\"name\":\"p " + PAYLOAD + "\",\"runs\":1,"
        + "\"wall_ns\":1000,\"stages\":[{\"name\":\"" + PAYLOAD + "\",\"calls\":1,\"errors\":0,"
        + "\"wall_ns\":1000,\"self_ns\":1000,\"cpu_ns\":10,\"alloc_bytes\":0,\"records\":0,"
        + "\"bytes\":0,\"p50_ns\":1000,\"p95_ns\":1000,\"p99_ns\":1000,\"max_ns\":1000,"
        + "\"critical_path_ns\":1000,\"critical_path_share\":1.0}],"
        + "\"critical_path\":[{\"stage\":\"" + PAYLOAD + "\",\"start_ns\":0,\"duration_ns\":1000}],"
        + "\"bottlenecks\":[{\"stage\":\"" + PAYLOAD + "\",\"kind\":\"wait\\\" onmouseover=\\\"x\","
        + "\"critical_path_share\":1.0,\"evidence\":\"<!-- <script>alert(2)</script> \u2028 & \u2029\"}],"
        + "\"what_if\":[],\"alerts\":[],\"recommendations\":[],\"cost\":{}}],"
        + "\"resources\":{\"series\":[]},\"agent\":{\"version\":\"/*@@REPORT_JS@@*/ @@REPORT_DATA@@\","
        + "\"dropped_spans\":0}}";
  }

  /** Undoes {@link HtmlReportWriter#escapeForScript}, as JSON.parse would inside strings. */
  static String unescape(String s) {
    return s.replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&")
        .replace("\\u2028", "\u2028").replace("\\u2029", "\u2029");
  }

  @Test
  void escapesEverythingThatCouldEndOrConfuseAScriptElement() {
    assertThat(HtmlReportWriter.escapeForScript("{\"a\":\"" + PAYLOAD + "\"}"))
        .isEqualTo("{\"a\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"
            + "\\u003c/script\\u003e\"}");
    assertThat(HtmlReportWriter.escapeForScript("\"<!-- a & b \u2028 \u2029\""))
        .isEqualTo("\"\\u003c!-- a \\u0026 b \\u2028 \\u2029\"");
  }

  @Test
  void escapesExactlyTheSpecialCharactersWhereverTheyStand() {
    Random random = new Random(7);
    String alphabet = "ab\"<>&\u2028\u2029µ";
    for (int n = 0; n < 5000; n++) {
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(24); i > 0; i--) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = s.toString();
      assertThat(HtmlReportWriter.escapeForScript(text)).isEqualTo(oneByOne(text));
    }
  }

  /** The escaping by its definition: each special character on its own. */
  private static String oneByOne(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  @Test
  void leavesCleanJsonAsItIs() {
    String json = "{\"schema\":\"perf-report/1\",\"x\":[1,2.5,\"µs → s\"]}";
    assertThat(HtmlReportWriter.escapeForScript(json)).isSameAs(json);
  }

  @Test
  void aHostileStageNameCannotLeaveTheDataBlock() {
    String json = hostileReport();
    String html = HtmlReportWriter.render(json);

    assertThat(html).doesNotContain(PAYLOAD).doesNotContain("<!--").doesNotContain("\u2028");
    // The error hook, the data block, the chart library and the renderer: nothing else became a
    // script.
    assertThat(count(html, "<script")).isEqualTo(4);
    assertThat(count(html, "</script")).isEqualTo(4);
    Matcher m = DATA_BLOCK.matcher(html);
    assertThat(m.find()).isTrue();
    assertThat(unescape(m.group(1))).isEqualTo(json);
  }

  @Test
  void markerStringsInTheReportAreNotExpanded() throws IOException {
    String html = HtmlReportWriter.render(hostileReport());
    String js = resource("report.js");
    assertThat(count(html, "function sortBy(")).isEqualTo(1);
    assertThat(html).contains("/*@@REPORT_JS@@*/ @@REPORT_DATA@@");
    assertThat(html).contains(js).contains(resource("report.css"));
  }

  @Test
  void thePageLoadsNothingFromAnywhere() throws IOException {
    String html = HtmlReportWriter.render(sample());
    assertThat(html).doesNotContainPattern(
        "(?i)\\b(src|href|xlink:href|action|poster|srcset)\\s*=\\s*[\"']?\\s*(https?:|//|ftp:)");
    assertThat(html).doesNotContainPattern("(?i)url\\(\\s*[\"']?\\s*(https?:|//)");
    assertThat(html).doesNotContainPattern("(?i)@import|<link\\b|<iframe\\b|<img\\b");
    assertThat(html).doesNotContainPattern("(?i)fetch\\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon");
    assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
  }

  @Test
  void writeCreatesDirectoriesAndLeavesOnlyTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("perf-report").resolve("index.html");
    HtmlReportWriter.write(sample(), file);
    HtmlReportWriter.write(sample(), file); // replaces

    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(HtmlReportWriter.render(sample()));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> HtmlReportWriter.render(null))
        .isInstanceOf(NullPointerException.class);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = HtmlReportWriter.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static int count(String haystack, String needle) {
    String h = haystack.toLowerCase(java.util.Locale.ROOT);
    String n = needle.toLowerCase(java.util.Locale.ROOT);
    int c = 0;
    for (int i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) {
      c++;
    }
    return c;
  }
}
