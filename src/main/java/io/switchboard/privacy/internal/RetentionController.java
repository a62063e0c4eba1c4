package io.switchboard.privacy.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.billing.RetentionWindows.RetentionWindow;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.privacy.internal.RetentionService.RetentionRun;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/privacy/retention")
@Tag(name = "Privacy")
class RetentionController {

    private final RetentionService retention;
    private final RetentionJob job;

    RetentionController(RetentionService retention, RetentionJob job) {
        this.retention = retention;
        this.job = job;
    }

    record RetentionStatus(
            @Nullable @Schema(description = "days of conversation history kept; null = unlimited")
            Integer historyDays,

            @Schema(description = "what decides the window, e.g. plan:basic")
            String source,

            @Nullable @Schema(description = "messages created before this are purged by the next run; null = never")
            Instant cutoff,

            @Schema(description = "contacts with their own window (contact plans)")
            int contactsWithOwnWindow,

            @Schema(description = "conversations under legal hold: never purged")
            long legalHolds,

            Instant nextRunAt,

            @Schema(description = "time between scheduled runs, ISO-8601 (PT6H)")
            String interval,

            @Nullable RetentionRun lastRun,
            List<RetentionRun> recentRuns) {}

    @GetMapping
    @Operation(
            summary = "Data retention: the window of the organisation's plan, legal holds, next and recent purge runs"
                    + " (admins)")
    RetentionStatus retentionStatus() {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        RetentionWindow window = retention.window(principal.orgId());
        List<RetentionRun> runs = retention.recentRuns(principal.orgId(), 10);
        return new RetentionStatus(
                window.historyDays(),
                window.source(),
                window.cutoff(Instant.now()).orElse(null),
                retention.contactWindows(principal.orgId()).size(),
                retention.legalHolds(principal.orgId()),
                job.nextRunAt(),
                job.interval().toString(),
                runs.isEmpty() ? null : runs.getFirst(),
                runs);
    }

    @PostMapping("/run")
    @Operation(
            summary = "Purge now (admins): deletes history older than the window, except conversations under legal"
                    + " hold; answers the run's counts (also written to the audit log as retention.purged)")
    RetentionRun runRetentionNow() {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        var actor = principal.method() == CurrentPrincipal.AuthMethod.API_KEY
                ? new AuditLog.Actor("api_key", principal.apiKeyId(), principal.label())
                : new AuditLog.Actor("user", principal.userId(), principal.label());
        return retention.purge(principal.orgId(), "manual", actor, Instant.now());
    }
}
