package io.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Files on the local disk (the default backend) and the signed links that serve them. */
class StorageWebTests extends IntegrationTest {

    @Autowired
    BlobStore blobs;

    @Autowired
    io.switchboard.shared.SwitchboardProperties properties;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void fileRoundTripsThroughTheLocalDiskWithSizeAndChecksum() throws Exception {
        UUID orgId = orgOf(signup("Storage Org"));
        byte[] bytes = "a picture of a cat, or close enough".getBytes(StandardCharsets.UTF_8);

        StoredBlob stored = blobs.put(orgId, "media", "../../cat.png", "image/png; charset=x", in(bytes), 1024);

        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(stored.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(stored.filename()).isEqualTo("cat.png");
        assertThat(stored.key()).matches("media_[0-9a-f]{32}");
        Path onDisk = properties
                .dataDir()
                .resolve("blobs")
                .resolve(orgId.toString())
                .resolve("media")
                .resolve(stored.key());
        assertThat(Files.readAllBytes(onDisk)).isEqualTo(bytes);
        try (var opened = blobs.open(orgId, stored.key()).orElseThrow()) {
            assertThat(opened.content().readAllBytes()).isEqualTo(bytes);
        }
        assertThat(ownerDb().fetchValue("select size_bytes from files where key = ?", stored.key()))
                .isEqualTo((long) bytes.length);

        blobs.delete(orgId, stored.key());
        assertThat(blobs.find(orgId, stored.key())).isEmpty();
        assertThat(onDisk).doesNotExist();
    }

    @Test
    void tooLargeStreamIsRefusedAndLeavesNothingBehind() {
        UUID orgId = orgOf(signup("Big Files Org"));
        assertThatThrownBy(() ->
                        blobs.put(orgId, "media", "big.bin", "application/octet-stream", in(new byte[2048]), 1024))
                .isInstanceOf(BlobTooLargeException.class)
                .hasMessage("is larger than 1 KB");
        assertThat(ownerDb()
                        .fetchCount(
                                org.jooq.impl.DSL.table("files"),
                                org.jooq.impl.DSL.field("org_id").eq(orgId)))
                .isZero();
    }

    @Test
    void signedLinkServesTheFileWithoutASessionUntilItExpires() throws Exception {
        UUID orgId = orgOf(signup("Links Org"));
        byte[] bytes = new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        StoredBlob stored = blobs.put(orgId, "media", "dot.png", "image/png", in(bytes), 1024);

        String link = blobs.signedUrl(orgId, stored.key(), Duration.ofMinutes(10));
        assertThat(link).startsWith("/api/v1/files/" + stored.key() + "?exp=");
        var ok = get(link);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(bytes);
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(ok.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(ok.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline");

        var expired = get(blobs.signedUrl(orgId, stored.key(), Duration.ofHours(-2)));
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void tamperedLinksAndOtherOrganisationsLinksAnswer404() throws Exception {
        UUID orgId = orgOf(signup("Owner Org"));
        UUID otherOrg = orgOf(signup("Other Org"));
        StoredBlob stored = blobs.put(orgId, "media", "secret.pdf", "application/pdf", in(new byte[] {1, 2}), 1024);
        String link = blobs.signedUrl(orgId, stored.key(), Duration.ofMinutes(10));

        // a longer expiry than was signed
        long exp = Long.parseLong(link.replaceAll(".*exp=(\\d+).*", "$1"));
        assertThat(get(link.replace("exp=" + exp, "exp=" + (exp + 86_400))).statusCode())
                .isEqualTo(404);
        // a forged signature
        String sig = link.substring(link.indexOf("sig=") + 4);
        String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        assertThat(get(link.replace(sig, flipped)).statusCode()).isEqualTo(404);
        // a link the other organisation could make for this key opens nothing
        assertThat(get(blobs.signedUrl(otherOrg, stored.key(), Duration.ofMinutes(10)))
                        .statusCode())
                .isEqualTo(404);
        assertThat(blobs.find(otherOrg, stored.key())).isEmpty();
        assertThat(blobs.open(otherOrg, stored.key())).isEmpty();
        // no signature at all
        var unsigned = get("/api/v1/files/" + stored.key());
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/files/media_not-a-key?exp=1&sig=x").statusCode())
                .isEqualTo(404);
    }

    @Test
    void storedHtmlIsOfferedAsADownloadNeverRendered() throws Exception {
        UUID orgId = orgOf(signup("Html Org"));
        StoredBlob stored = blobs.put(
                orgId,
                "attachments",
                "page.html",
                "text/html",
                in("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)),
                1024);
        var response = get(blobs.signedUrl(orgId, stored.key(), Duration.ofMinutes(5)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("sandbox");
    }

    @Test
    void storageInfoSaysWhichBackendIsActive() {
        var info = api.get("/api/v1/storage", token(signup("Info Org")));
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().get("backend").asString()).isEqualTo("local");
        assertThat(info.json().get("publicLinks").asBoolean()).isFalse();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "image/avif,image/webp,*/*")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static ByteArrayInputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    static UUID orgOf(tools.jackson.databind.JsonNode session) {
        return UUID.fromString(session.get("organization").get("id").asString());
    }
}
