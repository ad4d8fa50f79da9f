package io.fileparser.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server posts pushes only to public https endpoints, or to hosts it is told to allow. */
class PushEndpointPolicyTest {

  private final PushEndpointPolicy policy = new PushEndpointPolicy(" 127.0.0.1 , ");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://8.8.8.8/wpush/v2/abc",
        "https://[2001:4860:4860::8888]/push",
        "http://127.0.0.1:41234/push/1",
        "https://127.0.0.1/push"
      })
  void allows(String endpoint) {
    assertEquals(URI.create(endpoint), policy.check(endpoint));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://8.8.8.8/push",
        "ftp://8.8.8.8/push",
        "https://user:pw@8.8.8.8/push",
        "https://8.8.8.8/push#x",
        "/relative/push",
        "not a url",
        "",
        "https://127.0.0.2/push",
        "https://localhost/push",
        "https://10.1.2.3/push",
        "https://172.16.0.1/push",
        "https://192.168.1.1/push",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/push",
        "https://0.0.0.0/push",
        "https://[::1]/push",
        "https://[fd00::1]/push",
        "https://[fe80::1]/push",
        "https://[::ffff:10.0.0.1]/push",
        "https://224.0.0.1/push",
        "https://no-such-host.invalid/push"
      })
  void refuses(String endpoint) {
    ProblemException refused = assertThrows(ProblemException.class, () -> policy.check(endpoint));
    assertEquals(ProblemType.PUSH_ENDPOINT_NOT_ALLOWED, refused.type());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/x", "https://127.0.0.1/x"})
  void refusesLoopbackWithoutAnAllowList(String endpoint) {
    PushEndpointPolicy strict = new PushEndpointPolicy("");
    assertThrows(ProblemException.class, () -> strict.check(endpoint));
  }
}
