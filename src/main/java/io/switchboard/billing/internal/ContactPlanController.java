package io.switchboard.billing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.billing.internal.ContactPlanCatalog.ContactPlan;
import io.switchboard.billing.internal.ContactPlanCatalog.ContactPlanInput;
import io.switchboard.billing.internal.ContactPlanService.ContactPlanStatus;
import io.switchboard.contacts.ContactDirectory;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.shared.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Contact plans of the organisation (admins edit; every member reads) and each contact's plan. */
@RestController
@RequestMapping("/api/v1/contact-plans")
@Tag(name = "Contact plans", description = "Plans the organisation sells to its own contacts")
class ContactPlanController {

    private final ContactPlanCatalog plans;
    private final ContactPlanService service;
    private final ContactSubscriptions subscriptions;
    private final ContactDirectory contacts;
    private final OrgTransactions tx;
    private final BillingProperties properties;

    ContactPlanController(
            ContactPlanCatalog plans,
            ContactPlanService service,
            ContactSubscriptions subscriptions,
            ContactDirectory contacts,
            OrgTransactions tx,
            BillingProperties properties) {
        this.properties = properties;
        this.plans = plans;
        this.service = service;
        this.subscriptions = subscriptions;
        this.contacts = contacts;
        this.tx = tx;
    }

    @Schema(name = "ContactBillingSettings")
    record Settings(
            @Schema(description = "stripe: contacts pay through Stripe Checkout; manual: admins assign plans")
            String mode,

            @Nullable
            @Schema(description = "the organisation's own Stripe account (Connect); null = the platform's account")
            String stripeAccountId,

            @Schema(description = "path of the contacts' self-service page on this server")
            String portalPath) {}

    @Schema(name = "ContactBillingSettingsInput")
    record SettingsInput(
            @Nullable @Size(max = 100) @Schema(description = "acct_...; empty or null = use the platform's account")
            String stripeAccountId) {}

    @Schema(name = "AssignContactPlanRequest")
    record AssignRequest(@NotNull UUID planId) {}

    @GetMapping
    @Operation(summary = "The organisation's contact plans in display order")
    List<ContactPlan> list(
            @RequestParam(defaultValue = "false")
                    @io.swagger.v3.oas.annotations.Parameter(description = "include archived plans")
                    boolean includeArchived) {
        return plans.all(CurrentPrincipal.get().orgId(), includeArchived);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a contact plan (admins); freeAllowance moves the free allowance to this plan")
    ContactPlan create(@Valid @RequestBody ContactPlanInput input) {
        CurrentPrincipal p = CurrentPrincipal.get().require(Role.ADMIN);
        return plans.create(p.orgId(), input);
    }

    @PostMapping("/standard")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create the standard plans (admins, only while there are none)",
            description =
                    "Free allowance 10 replies / 7 days of history, Basic 100 replies / 30 days, Pro 1,000 / 90 days,"
                            + " Enterprise unlimited; prices in the billing currency.")
    List<ContactPlan> standard() {
        CurrentPrincipal p = CurrentPrincipal.get().require(Role.ADMIN);
        return plans.createStandardPlans(p.orgId(), properties.currencyCode());
    }

    @GetMapping("/settings")
    @Operation(summary = "Billing mode and Stripe account used for contact plans")
    Settings settings() {
        UUID orgId = CurrentPrincipal.get().orgId();
        return new Settings(service.manual() ? "manual" : "stripe", plans.stripeAccount(orgId), "/portal/" + orgId);
    }

    @PutMapping("/settings")
    @Operation(summary = "Set the organisation's own Stripe account for contact plans (admins)")
    Settings updateSettings(@Valid @RequestBody SettingsInput input) {
        CurrentPrincipal p = CurrentPrincipal.get().require(Role.ADMIN);
        plans.setStripeAccount(p.orgId(), input.stripeAccountId());
        return settings();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One contact plan")
    ContactPlan get(@PathVariable UUID id) {
        return plans.get(CurrentPrincipal.get().orgId(), id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a contact plan's fields (admins); subscribers get the new limits at once")
    ContactPlan update(@PathVariable UUID id, @Valid @RequestBody ContactPlanInput input) {
        CurrentPrincipal p = CurrentPrincipal.get().require(Role.ADMIN);
        return plans.update(p.orgId(), id, input);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a contact plan (admins); a plan with subscriptions is archived instead")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        CurrentPrincipal p = CurrentPrincipal.get().require(Role.ADMIN);
        plans.delete(p.orgId(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/contacts/{contactId}")
    @Operation(summary = "The plan that applies to a contact, its subscription and the replies used this period")
    ContactPlanStatus contactStatus(@PathVariable UUID contactId) {
        UUID orgId = requireContact(contactId);
        return service.status(orgId, contactId);
    }

    @PutMapping("/contacts/{contactId}")
    @Operation(summary = "Put a contact on a plan from now (admins; manual mode or a custom deal)")
    ContactPlanStatus assign(@PathVariable UUID contactId, @Valid @RequestBody AssignRequest request) {
        CurrentPrincipal.get().require(Role.ADMIN);
        UUID orgId = requireContact(contactId);
        if (plans.find(orgId, request.planId()).isEmpty()) {
            throw ApiProblem.invalidField("planId", "no such contact plan");
        }
        subscriptions.assign(orgId, contactId, request.planId());
        return service.status(orgId, contactId);
    }

    @DeleteMapping("/contacts/{contactId}")
    @Operation(summary = "Cancel a contact's plan (admins): manual plans end now, Stripe ones at the period's end")
    ContactPlanStatus cancel(@PathVariable UUID contactId) {
        CurrentPrincipal.get().require(Role.ADMIN);
        UUID orgId = requireContact(contactId);
        return service.cancel(orgId, contactId);
    }

    private UUID requireContact(UUID contactId) {
        UUID orgId = CurrentPrincipal.get().orgId();
        if (tx.inOrg(orgId, () -> contacts.find(orgId, contactId)).isEmpty()) {
            throw ApiProblem.notFound("Contact " + contactId);
        }
        return orgId;
    }
}
