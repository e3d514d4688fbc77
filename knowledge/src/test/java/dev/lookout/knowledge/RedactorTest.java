package dev.lookout.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each kind of secret is removed and counted; the rest of the line stays readable. */
class RedactorTest {
  private final Redactor redactor = new Redactor();

  private Redactor.Result redact(String text) {
    return redactor.redact(text);
  }

  @Test
  @DisplayName("bearer tokens and JWTs")
  void bearer() {
    var r =
        redact("-> POST https://llm.internal/v1/generate Authorization: Bearer abcDEF123456789xyz");
    assertThat(r.text())
        .isEqualTo(
            "-> POST https://llm.internal/v1/generate Authorization: Bearer [REDACTED:bearer]");
    assertThat(r.counts()).containsEntry(Redactor.Kind.BEARER, 1);
    var jwt =
        redact(
            "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
                + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
    assertThat(jwt.text()).isEqualTo("Authorization: Bearer [REDACTED:jwt]");
    assertThat(jwt.total()).isEqualTo(1);
  }

  @Test
  @DisplayName("Google, AWS and Discord keys")
  void cloudKeys() {
    var google =
        redact(
            "GET https://maps.googleapis.com/maps/api/geocode/json?address=Main&key=AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW");
    assertThat(google.text()).doesNotContain("AIzaSy").contains("key=[REDACTED:google_api_key]");
    assertThat(google.counts()).containsEntry(Redactor.Kind.GOOGLE_API_KEY, 1);

    var aws = redact("using credentials AKIAIOSFODNN7EXAMPLE for s3://bucket");
    assertThat(aws.text()).isEqualTo("using credentials [REDACTED:aws_key] for s3://bucket");

    var discord =
        redact(
            "bot login with MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456 failed");
    assertThat(discord.text()).isEqualTo("bot login with [REDACTED:discord_token] failed");
  }

  @Test
  @DisplayName("passwords in URLs keep the user and the host")
  void urlPassword() {
    var r = redact("Connecting to postgres://consumer:Xk29fLq0PzWm1a@10.8.0.3:5432/consumer");
    assertThat(r.text())
        .isEqualTo(
            "Connecting to postgres://consumer:[REDACTED:url_password]@10.8.0.3:5432/consumer");
    assertThat(r.counts()).containsEntry(Redactor.Kind.URL_PASSWORD, 1);
  }

  @Test
  @DisplayName("key=value and JSON secrets keep the key name")
  void keyValue() {
    var r = redact("login user=bob password=hunter22 api_key: sk_live_abc123 retries=3");
    assertThat(r.text())
        .isEqualTo(
            "login user=bob password=[REDACTED:key_value] api_key: [REDACTED:key_value] retries=3");
    var json = redact("{\"client_secret\": \"s3cr3tValue\", \"input_tokens\": 812}");
    assertThat(json.text())
        .isEqualTo("{\"client_secret\": \"[REDACTED:key_value]\", \"input_tokens\": 812}");
    // A value that opens a structure names a type, as Android's window tokens do.
    String android =
        "opening app wtoken = AppWindowToken{9f4ef63 token=Token{a64f992 ActivityRecord{de9231d";
    assertThat(redact(android).text()).isEqualTo(android);
    assertThat(redact("token=(abc) key=[x]").total()).isZero();
    assertThat(redact("session_token=Zq81kdPx").text())
        .isEqualTo("session_token=[REDACTED:key_value]");
  }

  @Test
  @DisplayName("long random strings go; digests, ids, block numbers and class names stay")
  void highEntropy() {
    var r = redact("webhook signed with Zx8Kq2Lm9Pw4Rt7Yv1Bn6Hc3Jd5Fg0SaQe");
    assertThat(r.text()).isEqualTo("webhook signed with [REDACTED:high_entropy]");
    String ordinary =
        "Received block blk_-6952295868487656571 sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
            + " for request 3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b in org.apache.hadoop.mapreduce.v2.app.MRAppMaster"
            + " revision consumer-00042-abc";
    assertThat(redact(ordinary).text()).isEqualTo(ordinary);
    assertThat(redact(ordinary).total()).isZero();
  }
}
