package io.switchboard.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Any S3-compatible server (AWS, MinIO, Garage, R2, Ceph). Checksums only when the operation requires
 * them and no aws-chunked uploads: several S3-compatible servers reject the trailing checksums newer
 * SDKs send by default. Path-style addressing unless told otherwise, for the same reason.
 */
final class S3Backend implements BlobBackend, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3Backend(StorageProperties.S3 settings) {
        if (settings.bucket() == null || settings.bucket().isBlank()) {
            throw new IllegalStateException("S3 storage needs a bucket: set SWITCHBOARD_S3_BUCKET");
        }
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint().trim()));
        }
        this.s3 = builder.build();
        this.bucket = settings.bucket().trim();
        String p = settings.prefix() == null ? "" : settings.prefix().trim().replaceAll("^/+|/+$", "");
        this.prefix = p.isEmpty() ? "" : p + "/";
    }

    private static AwsCredentialsProvider credentials(StorageProperties.S3 settings) {
        if (settings.accessKey() != null && !settings.accessKey().isBlank()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.accessKey().trim(), settings.secretKey() == null ? "" : settings.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build(); // instance roles, AWS_* variables, profiles
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public void store(String objectKey, Path file, long size, String contentType) throws IOException {
        try {
            s3.putObject(
                    PutObjectRequest.builder()
                            .bucket(bucket)
                            .key(prefix + objectKey)
                            .contentType(contentType)
                            .contentLength(size)
                            .build(),
                    RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("S3 upload of " + objectKey + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream read(String objectKey) throws IOException {
        try {
            return s3.getObject(GetObjectRequest.builder()
                    .bucket(bucket)
                    .key(prefix + objectKey)
                    .build());
        } catch (SdkException e) {
            throw new IOException("S3 download of " + objectKey + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String objectKey) throws IOException {
        try {
            s3.deleteObject(DeleteObjectRequest.builder()
                    .bucket(bucket)
                    .key(prefix + objectKey)
                    .build());
        } catch (SdkException e) {
            throw new IOException("S3 delete of " + objectKey + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
