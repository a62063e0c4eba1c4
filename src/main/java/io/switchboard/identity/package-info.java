/**
 * Organisations, users, roles, sessions (JWT + rotating refresh tokens), API keys, one-time codes,
 * mail and the audit log. Other modules use {@link io.switchboard.identity.CurrentPrincipal}, {@link
 * io.switchboard.identity.AuditLog}, {@link io.switchboard.identity.Mailer} and implement {@link
 * io.switchboard.identity.OtpSender}.
 */
@ApplicationModule(displayName = "Identity")
@NullMarked
package io.switchboard.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
