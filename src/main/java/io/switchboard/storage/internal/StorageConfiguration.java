package io.switchboard.storage.internal;

import io.switchboard.shared.SwitchboardProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the blob backend: S3 when configured, else the local disk. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    BlobBackend blobBackend(StorageProperties storage, SwitchboardProperties properties) {
        if (storage.useS3()) {
            log.info(
                    "Files are stored in S3 bucket {} ({})",
                    storage.s3().bucket(),
                    storage.s3().endpoint());
            return new S3Backend(storage.s3());
        }
        return new LocalDiskBackend(properties.dataDir().resolve("blobs"));
    }
}
