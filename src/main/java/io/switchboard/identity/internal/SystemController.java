package io.switchboard.identity.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.identity.Mailer;
import io.switchboard.identity.internal.IdentityApi.SystemStatus;
import io.switchboard.shared.db.DatabaseServer;
import java.util.ArrayList;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells people and clients which mode is active: what is real and what is simulated locally. */
@RestController
@Tag(name = "System")
class SystemController {

    private final DatabaseServer database;
    private final Mailer mailer;
    private final OtpService otp;

    SystemController(DatabaseServer database, Mailer mailer, OtpService otp) {
        this.database = database;
        this.mailer = mailer;
        this.otp = otp;
    }

    @GetMapping("/api/v1/system/ping")
    @SecurityRequirements
    @Operation(summary = "Answers 204 without touching the database (load balancer probe, benchmark baseline)")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    void ping() {}

    @GetMapping("/api/v1/system/status")
    @SecurityRequirements
    @Operation(summary = "Which parts run offline (embedded database, development mailbox, logged codes)")
    SystemStatus status() {
        var notes = new ArrayList<String>();
        String mail = mailer.transport();
        String otpDelivery = otp.sender().channel();
        if (database.embedded()) {
            notes.add("Embedded PostgreSQL with data in the data directory");
        }
        if ("dev_mailbox".equals(mail)) {
            notes.add("No SMTP server configured: mail is kept in the development mailbox");
        }
        if ("log".equals(otpDelivery)) {
            notes.add("No SMS or WhatsApp channel: one-time codes are written to the server log");
        }
        String version = getClass().getPackage().getImplementationVersion();
        return new SystemStatus(
                version == null ? "dev" : version,
                "dev_mailbox".equals(mail) || "log".equals(otpDelivery),
                database.embedded() ? "embedded" : "external",
                mail,
                otpDelivery,
                notes);
    }
}
