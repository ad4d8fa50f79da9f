package io.fileparser.notifications;

import com.interaso.webpush.VapidKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's VAPID key pair (RFC 8292), read once from two PEM files named in configuration: a
 * P-256 private key (PKCS#8, {@code fileparser.webpush.vapid-private-key-file}) and its public key
 * (X.509, {@code fileparser.webpush.vapid-public-key-file}), as {@code openssl genpkey -algorithm
 * EC -pkeyopt ec_paramgen_curve:P-256} and {@code openssl pkey -pubout} write them ({@code
 * payara/run} does, into {@code var/keys/}). The secret is a file the operator protects, never a
 * configuration value. Without both files Web Push is off, and says so.
 */
@ApplicationScoped
public class VapidKeyFiles {

  private static final Logger LOG = Logger.getLogger(VapidKeyFiles.class.getName());

  @Inject
  @ConfigProperty(name = "fileparser.webpush.vapid-private-key-file")
  Optional<String> privateKeyFile;

  @Inject
  @ConfigProperty(name = "fileparser.webpush.vapid-public-key-file")
  Optional<String> publicKeyFile;

  private volatile Optional<VapidKeys> keys;

  /** The key pair, or empty when Web Push is not configured (or its files are unreadable). */
  public Optional<VapidKeys> keys() {
    Optional<VapidKeys> loaded = keys;
    if (loaded == null) {
      loaded = load();
      keys = loaded;
    }
    return loaded;
  }

  private Optional<VapidKeys> load() {
    if (privateKeyFile.isEmpty() || publicKeyFile.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          read(
              Files.readString(Path.of(privateKeyFile.get()), StandardCharsets.US_ASCII),
              Files.readString(Path.of(publicKeyFile.get()), StandardCharsets.US_ASCII)));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      LOG.warning("Web Push is off: the VAPID key files cannot be read: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** A key pair from the PEM text of its private (PKCS#8) and public (X.509) key. */
  static VapidKeys read(String privatePem, String publicPem) throws GeneralSecurityException {
    KeyFactory ec = KeyFactory.getInstance("EC");
    ECPrivateKey privateKey =
        (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem)));
    ECPublicKey publicKey = (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(der(publicPem)));
    return new VapidKeys(publicKey, privateKey);
  }

  private static byte[] der(String pem) {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(base64);
  }
}
