package io.fileparser.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS side of a Redis connection: whom to trust and that the certificate must name the host.
 *
 * <p>Jedis checks no host name by itself: a certificate any trusted CA issued to anyone would do.
 * The endpoint identification algorithm {@code HTTPS} makes the handshake check the URI's host
 * against the certificate's subject alternative names (DNS names or IP addresses), as a browser
 * would.
 */
final class RedisTls {

  private RedisTls() {}

  /**
   * Sockets that trust the CA certificates in the PEM file {@code caFile}, or the JVM's trust store
   * when it is null.
   *
   * @throws IllegalArgumentException when the file cannot be read or holds no certificate
   */
  static SSLSocketFactory socketFactory(Path caFile) {
    if (caFile == null) {
      return (SSLSocketFactory) SSLSocketFactory.getDefault();
    }
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int n = 0;
      for (Certificate certificate : certificates(caFile)) {
        trusted.setCertificateEntry("redis-ca-" + n++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "fileparser.redis.tls.ca-file " + caFile + " is not a readable PEM certificate: " + e, e);
    }
  }

  /** Parameters that make the handshake fail unless the certificate names the host. */
  static SSLParameters hostnameVerified() {
    SSLParameters parameters = new SSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    return parameters;
  }

  private static Collection<? extends Certificate> certificates(Path caFile)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new GeneralSecurityException("no certificate in the file");
      }
      return certificates;
    }
  }
}
