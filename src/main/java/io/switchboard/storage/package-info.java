/**
 * Storage of files (media received from and sent to channels, uploads): the bytes in a blob backend
 * (local disk by default, S3-compatible when configured), their metadata per organisation in the
 * database, and short-lived signed links that serve them to the owning organisation only.
 */
@ApplicationModule(displayName = "Storage")
@NullMarked
package io.switchboard.storage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
