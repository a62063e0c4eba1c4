package io.switchboard.storage.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where blobs live: {@code backend} is {@code local} (under the data dir), {@code s3}, or {@code auto}
 * (S3 as soon as a bucket is configured). S3 settings mirror the SWITCHBOARD_S3_* variables.
 */
@ConfigurationProperties("switchboard.storage")
record StorageProperties(String backend, S3 s3) {

    record S3(
            @Nullable String endpoint,
            @Nullable String bucket,
            @Nullable String accessKey,
            @Nullable String secretKey,
            String region,
            @Nullable String prefix,
            boolean pathStyle) {}

    boolean useS3() {
        return switch (backend) {
            case "s3" -> true;
            case "local" -> false;
            default -> s3.bucket() != null && !s3.bucket().isBlank();
        };
    }
}
