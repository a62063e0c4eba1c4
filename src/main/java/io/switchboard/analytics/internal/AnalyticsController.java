package io.switchboard.analytics.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "Analytics")
class AnalyticsController {

    static final int MAX_DAYS = 366;

    private final AnalyticsQueries queries;
    private final Digests digests;

    AnalyticsController(AnalyticsQueries queries, Digests digests) {
        this.queries = queries;
        this.digests = digests;
    }

    record DigestSettingsInput(
            @Nullable @Schema(description = "off, daily or weekly")
            String frequency,

            @Nullable @Schema(description = "IANA time zone the periods are counted in (default UTC)")
            String timeZone) {}

    @GetMapping("/digest")
    @Operation(summary = "The e-mail digest settings and the digests sent lately")
    Digests.Settings digest() {
        return digests.settings(CurrentPrincipal.get().require(Role.VIEWER).orgId());
    }

    @PutMapping("/digest")
    @Operation(
            summary = "Send the figures by e-mail to owners and admins: off, daily (yesterday) or weekly (last week)")
    Digests.Settings saveDigest(@RequestBody DigestSettingsInput input) {
        return digests.save(CurrentPrincipal.get().require(Role.ADMIN).orgId(), input.frequency(), input.timeZone());
    }

    @PostMapping("/digest/send")
    @Operation(summary = "Send the digest of the last 7 days now (once a day at most)")
    Digests.Sent sendDigest() {
        return digests.sendNow(CurrentPrincipal.get().require(Role.ADMIN).orgId());
    }

    @GetMapping("/overview")
    @Operation(
            summary = "Conversations, messages, response times, bot containment, handoffs, intents, campaigns and calls"
                    + " over a range of days (both ends included; default the last 30 days)")
    Overview overview(
            @Parameter(description = "first day, e.g. 2026-11-01") @RequestParam(required = false) @Nullable
                    LocalDate from,
            @Parameter(description = "last day, included") @RequestParam(required = false) @Nullable LocalDate to,
            @Parameter(description = "IANA time zone the days are counted in, e.g. Europe/Paris (default UTC)")
                    @RequestParam(required = false)
                    @Nullable
                    String timeZone,
            @Parameter(description = "only this channel") @RequestParam(required = false) @Nullable UUID channelId) {
        UUID orgId = CurrentPrincipal.get().require(Role.VIEWER).orgId();
        ZoneId zone = AnalyticsQueries.timeZone(timeZone);
        LocalDate last = to == null ? LocalDate.now(zone) : to;
        LocalDate first = from == null ? last.minusDays(29) : from;
        if (first.isAfter(last)) throw ApiProblem.invalidField("from", "must not be after to");
        if (first.plusDays(MAX_DAYS - 1).isBefore(last))
            throw ApiProblem.invalidField("from", "the range may span at most " + MAX_DAYS + " days");
        if (channelId != null && !queries.channelExists(orgId, channelId)) {
            throw ApiProblem.notFound("Channel " + channelId);
        }
        return queries.overview(new AnalyticsQueries.Range(orgId, first, last, zone, channelId));
    }
}
