package io.switchboard.billing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.billing.internal.PlanCatalog.Plan;
import io.switchboard.billing.internal.QuotaService.BillingLlmUsage;
import io.switchboard.billing.internal.QuotaService.Usage;
import io.switchboard.billing.internal.SubscriptionService.Subscription;
import io.switchboard.billing.internal.SubscriptionService.Window;
import io.switchboard.identity.CurrentPrincipal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/billing")
@Tag(name = "Billing")
class BillingController {

    private final SubscriptionService subscriptions;
    private final PlanCatalog plans;
    private final QuotaService quotas;
    private final BillingProperties properties;

    BillingController(
            SubscriptionService subscriptions, PlanCatalog plans, QuotaService quotas, BillingProperties properties) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.quotas = quotas;
        this.properties = properties;
    }

    record BillingSummary(
            @Schema(description = "stripe: checkout and the customer portal; manual: a super admin assigns plans")
            String mode,

            Plan plan,

            @Schema(description = "trialing, active, past_due, canceled or expired")
            String status,

            Instant periodStart,
            Instant periodEnd,

            @Nullable @Schema(description = "end of the current usage window (null for a trial)")
            Instant renewsAt,

            boolean cancelAtPeriodEnd,

            @Nullable @Schema(description = "after a failed payment: the plan stays until then")
            Instant graceUntil,

            @Schema(description = "metered work (AI replies, call minutes) may run")
            boolean usable,

            boolean stripeCustomer) {}

    record UsageReport(
            String planId,
            String status,
            Instant windowStart,
            @Nullable Instant windowEnd,
            List<Usage> limits,

            @Schema(description = "LLM calls, tokens and cost (micros of the currency) in the current window")
            BillingLlmUsage llm) {}

    @GetMapping
    @Operation(summary = "The organisation's plan, subscription state and billing mode")
    BillingSummary summary() {
        UUID orgId = CurrentPrincipal.get().orgId();
        Subscription s = subscriptions.current(orgId);
        Plan plan = plans.get(s.planId());
        Window w = subscriptions.window(s, plan, Instant.now());
        return new BillingSummary(
                properties.mode(),
                plan,
                s.status(),
                s.periodStart(),
                s.periodEnd(),
                w.end(),
                s.cancelAtPeriodEnd(),
                s.graceUntil(),
                w.usable(),
                s.stripeCustomerId() != null);
    }

    @GetMapping("/plans")
    @Operation(summary = "Plans offered to organisations (public ones), in display order")
    List<Plan> plans() {
        return plans.all().stream().filter(Plan::isPublic).toList();
    }

    record QuotaCheckRequest(
            @jakarta.validation.constraints.NotNull
            @Schema(
                    description =
                            "aiReplies, callMinutesPerDay, activeChannels, agents, knowledgeBaseBytes, seats or concurrentCalls")
            String limit,

            @jakarta.validation.constraints.PositiveOrZero long amount) {}

    record QuotaCheck(
            boolean allowed,
            String limit,
            long used,
            @Nullable Long limitValue) {}

    @org.springframework.web.bind.annotation.PostMapping("/usage/check")
    @Operation(
            summary = "May this much of a limit be used now? 200 when yes, 429 quota-exceeded Problem Details when not",
            description = "Only looks; nothing is consumed.")
    QuotaCheck check(
            @jakarta.validation.Valid @org.springframework.web.bind.annotation.RequestBody QuotaCheckRequest request) {
        UUID orgId = CurrentPrincipal.get().orgId();
        io.switchboard.billing.Limit limit = java.util.Arrays.stream(io.switchboard.billing.Limit.values())
                .filter(l -> l.json().equals(request.limit()))
                .findFirst()
                .orElseThrow(() ->
                        io.switchboard.shared.ApiProblem.invalidField("limit", "unknown limit " + request.limit()));
        return switch (quotas.check(orgId, limit, request.amount())) {
            case io.switchboard.billing.QuotaDecision.Allowed a ->
                new QuotaCheck(true, limit.json(), a.used(), a.limitValue());
            case io.switchboard.billing.QuotaDecision.QuotaExceeded e -> throw e.toProblem();
        };
    }

    @GetMapping("/usage")
    @Operation(summary = "Each limit of the plan with used, limit, percent and when it resets")
    UsageReport usage() {
        UUID orgId = CurrentPrincipal.get().orgId();
        Subscription s = subscriptions.current(orgId);
        Plan plan = plans.get(s.planId());
        Window w = subscriptions.window(s, plan, Instant.now());
        return new UsageReport(
                plan.id(), s.status(), w.start(), w.end(), quotas.usage(orgId), quotas.llmUsage(orgId, w.start()));
    }
}
