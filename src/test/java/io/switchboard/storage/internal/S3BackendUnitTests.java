package io.switchboard.storage.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The S3 backend against a fake S3-compatible server that checks what a real one checks first: a
 * well-formed SigV4 Authorization header for our key and region, a payload hash that matches the
 * body, path-style bucket/key addressing, and a plain (not aws-chunked) body.
 */
class S3BackendUnitTests {

    static final String SIGV4 = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-central-1/s3/aws4_request,"
            + " ?SignedHeaders=([a-z0-9-]+;)*host(;[a-z0-9-]+)*, ?Signature=[0-9a-f]{64}";

    static WireMockServer fake;

    @BeforeAll
    static void start() {
        fake = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        fake.start();
    }

    @AfterAll
    static void stop() {
        fake.stop();
    }

    private S3Backend backend(String prefix) {
        return new S3Backend(new StorageProperties.S3(
                fake.baseUrl(),
                "switchboard-media",
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG",
                "eu-central-1",
                prefix,
                true));
    }

    @Test
    void uploadIsSignedWithSigV4AndAddressesBucketAndKeyPathStyle() throws Exception {
        byte[] body = "hello s3".getBytes(StandardCharsets.UTF_8);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        String path = "/switchboard-media/tenant-media/org-1/media/media_0123";
        fake.stubFor(put(urlEqualTo(path))
                .withHeader("Authorization", matching(SIGV4))
                .withHeader("x-amz-content-sha256", equalTo(sha256))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"abc\"")));
        Path file = Files.createTempFile("s3-", ".bin");
        Files.write(file, body);

        try (var s3 = backend("/tenant-media/")) {
            s3.store("org-1/media/media_0123", file, body.length, "image/png");
        }

        fake.verify(putRequestedFor(urlEqualTo(path))
                .withHeader("Authorization", matching(SIGV4))
                .withHeader("x-amz-date", matching("\\d{8}T\\d{6}Z"))
                .withHeader("Content-Type", equalTo("image/png"))
                .withHeader("Content-Length", equalTo(String.valueOf(body.length)))
                .withoutHeader("Content-Encoding")
                .withRequestBody(binaryEqualTo(body)));
    }

    @Test
    void downloadAndDeleteUseTheSameAddressing() throws Exception {
        String path = "/switchboard-media/org-2/media/media_4567";
        fake.stubFor(get(urlEqualTo(path))
                .withHeader("Authorization", matching(SIGV4))
                .willReturn(aResponse().withStatus(200).withBody(new byte[] {7, 8, 9})));
        fake.stubFor(delete(urlEqualTo(path))
                .withHeader("Authorization", matching(SIGV4))
                .willReturn(aResponse().withStatus(204)));

        try (var s3 = backend(null)) {
            try (var in = s3.read("org-2/media/media_4567")) {
                assertThat(in.readAllBytes()).containsExactly(7, 8, 9);
            }
            s3.delete("org-2/media/media_4567");
        }
        fake.verify(deleteRequestedFor(urlEqualTo(path)).withHeader("Authorization", matching(SIGV4)));
    }

    @Test
    void serverErrorsSurfaceAsIoExceptions() {
        fake.stubFor(get(urlEqualTo("/switchboard-media/org-3/media/media_missing"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>")));
        try (var s3 = backend(null)) {
            assertThatThrownBy(() -> s3.read("org-3/media/media_missing"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("media_missing");
        }
    }
}
