package io.switchboard.billing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.billing.internal.PlanCatalog.Plan;
import io.switchboard.billing.internal.PlanCatalog.PlanChanges;
import io.switchboard.billing.internal.PlanCatalog.PlanLimits;
import io.switchboard.billing.internal.SubscriptionService.Subscription;
import io.switchboard.identity.AuditLog;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.shared.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Platform administration of billing: plans as data and manual plan assignment (super admins only). */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Billing administration")
class AdminBillingController {

    private final PlanCatalog plans;
    private final SubscriptionService subscriptions;
    private final AuditLog audit;

    AdminBillingController(PlanCatalog plans, SubscriptionService subscriptions, AuditLog audit) {
        this.plans = plans;
        this.subscriptions = subscriptions;
        this.audit = audit;
    }

    record PlanRequest(
            @Nullable @Size(max = 40) @Schema(description = "required on create: lower-case id, e.g. pro-yearly")
            String id,

            @Nullable @Size(max = 100) String name,
            @Nullable @Size(max = 500) String description,

            @Nullable @Schema(description = "minor units per period; negative = custom price (null)")
            Long priceMinor,

            @Nullable @Size(min = 3, max = 3) String currency,
            @Nullable @Positive @Max(3660) Integer periodDays,
            @Nullable Boolean trial,
            @Nullable @Schema(description = "0 = unlimited") Integer historyDays,

            @Nullable @Schema(description = "replaces all limits; null members = unlimited")
            PlanLimits limits,

            @Nullable @Size(max = 200) @Schema(description = "Stripe price id; empty clears it")
            String stripePriceId,

            @Nullable Boolean isPublic,
            @Nullable Integer sortOrder) {

        PlanChanges changes() {
            return new PlanChanges(
                    name,
                    description,
                    priceMinor,
                    currency,
                    periodDays,
                    trial,
                    historyDays,
                    limits,
                    stripePriceId,
                    isPublic,
                    sortOrder);
        }
    }

    record AssignPlanRequest(@NotBlank @Size(max = 40) String planId) {}

    @GetMapping("/plans")
    @Operation(summary = "All plans, including hidden ones (super admins)")
    List<Plan> list() {
        superAdmin();
        return plans.all();
    }

    @PostMapping("/plans")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a plan (super admins)")
    Plan create(@Valid @RequestBody PlanRequest request) {
        superAdmin();
        if (request.id() == null) throw ApiProblem.invalidField("id", "must not be empty");
        Plan plan = plans.create(request.id(), request.changes());
        audit.record("billing.plan_created", "plan", plan.id(), Map.of("name", plan.name()));
        return plan;
    }

    @PatchMapping("/plans/{id}")
    @Operation(summary = "Change a plan (super admins); organisations on it get the new limits at once")
    Plan update(@PathVariable String id, @Valid @RequestBody PlanRequest request) {
        superAdmin();
        Plan plan = plans.update(id, request.changes());
        audit.record("billing.plan_updated", "plan", plan.id(), Map.of("name", plan.name()));
        return plan;
    }

    @PutMapping("/organizations/{id}/plan")
    @Operation(summary = "Put an organisation on a plan from now (super admins; manual mode or custom deals)")
    Subscription assign(@PathVariable UUID id, @Valid @RequestBody AssignPlanRequest request) {
        superAdmin();
        plans.get(request.planId());
        try {
            Subscription s = subscriptions.assign(id, request.planId());
            audit.record("billing.plan_assigned", "organization", id.toString(), Map.of("plan", request.planId()));
            return s;
        } catch (DataIntegrityViolationException e) {
            throw ApiProblem.notFound("Organisation " + id);
        }
    }

    private static void superAdmin() {
        if (!CurrentPrincipal.get().superAdmin()) {
            throw ApiProblem.forbidden("Only a platform super admin manages plans");
        }
    }
}
