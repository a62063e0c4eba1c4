package io.switchboard.storage.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.shared.ApiProblem;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves files through signed links only. No session is needed (so {@code <img>} and {@code <audio>}
 * tags work): the signature is the credential, bound to the file's organisation and an expiry.
 */
@RestController
@Tag(name = "Files", description = "Stored media and attachments, served through short-lived signed links")
class FileController {

    /** Types a browser may render in place; anything else is a download, so stored HTML or SVG never runs. */
    private static final Set<String> INLINE =
            Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain");

    private final StorageService storage;

    FileController(StorageService storage) {
        this.storage = storage;
    }

    @GetMapping("/api/v1/files/{key}")
    @SecurityRequirements
    @Operation(
            summary = "Download a file through a signed link (as found in message media URLs)",
            description = "The link carries its own credential: an expired link answers 403, a wrong signature or"
                    + " an unknown key 404.")
    ResponseEntity<Resource> download(
            @PathVariable String key,
            @Parameter(description = "expiry, epoch seconds") @RequestParam long exp,
            @Parameter(description = "signature") @RequestParam String sig) {
        var owned = storage.findAnyOrg(key).orElseThrow(() -> ApiProblem.notFound("File " + key));
        if (!storage.signerMatches(owned.orgId(), key, exp, sig)) {
            throw ApiProblem.notFound("File " + key); // another organisation's link, or a tampered one
        }
        long remaining = exp - Instant.now().getEpochSecond();
        if (remaining <= 0) {
            throw ApiProblem.forbidden("This file link has expired; reload the page for a fresh one");
        }
        var opened = storage.open(owned.orgId(), key).orElseThrow(() -> ApiProblem.notFound("File " + key));
        var blob = opened.blob();
        boolean inline = INLINE.contains(blob.contentType())
                || blob.contentType().startsWith("audio/")
                || blob.contentType().startsWith("video/");
        String filename = blob.filename() == null ? key : blob.filename();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(blob.contentType()))
                .contentLength(blob.size())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                                .filename(filename, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Cross-Origin-Resource-Policy", "cross-origin") // the chat widget shows them on other sites
                .header(HttpHeaders.ETAG, "\"" + blob.sha256() + "\"")
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(remaining))
                        .cachePrivate())
                .body(new InputStreamResource(opened.content()) {
                    @Override
                    public InputStream getInputStream() {
                        return opened.content();
                    }

                    @Override
                    public long contentLength() {
                        return blob.size();
                    }
                });
    }

    record StorageInfo(
            @Schema(description = "local (the server's disk) or s3 (an S3-compatible bucket)")
            String backend,

            @Schema(
                    description =
                            "true when SWITCHBOARD_PUBLIC_URL is set, so providers such as Twilio can fetch media")
            boolean publicLinks) {}

    @GetMapping("/api/v1/storage")
    @Operation(summary = "Which storage holds files, and whether providers can fetch media from us")
    StorageInfo info() {
        CurrentPrincipal.get();
        return new StorageInfo(storage.backend(), storage.publicLinksAvailable());
    }
}
