package io.switchboard.billing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.billing.internal.ContactPlanCatalog.ContactPlan;
import io.switchboard.billing.internal.ContactPlanService.ContactPlanStatus;
import io.switchboard.billing.internal.PortalTokens.ContactSession;
import io.switchboard.contacts.ContactDirectory;
import io.switchboard.contacts.ContactRef;
import io.switchboard.conversations.Conversations;
import io.switchboard.identity.OneTimeCodes;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.PhoneNumbers;
import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.shared.ratelimit.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contacts' self-service page: a contact signs in with a one-time code sent to their phone and
 * gets a short-lived contact token that only ever reads or changes that contact of that
 * organisation (the token, not any parameter, names both).
 */
@RestController
@RequestMapping("/api/v1/portal")
@Tag(name = "Contact portal", description = "Public self-service page of contacts (phone code sign-in, contact tokens)")
@SecurityRequirements
class PortalController {

    private final OneTimeCodes codes;
    private final PortalTokens tokens;
    private final ContactDirectory contacts;
    private final Conversations conversations;
    private final ContactPlanCatalog plans;
    private final ContactPlanService service;
    private final RateLimiter rateLimiter;
    private final SwitchboardProperties.RateLimits limits;
    private final OrgTransactions tx;

    PortalController(
            OneTimeCodes codes,
            PortalTokens tokens,
            ContactDirectory contacts,
            Conversations conversations,
            ContactPlanCatalog plans,
            ContactPlanService service,
            RateLimiter rateLimiter,
            SwitchboardProperties properties,
            OrgTransactions tx) {
        this.codes = codes;
        this.tokens = tokens;
        this.contacts = contacts;
        this.conversations = conversations;
        this.plans = plans;
        this.service = service;
        this.rateLimiter = rateLimiter;
        this.limits = properties.rateLimits();
        this.tx = tx;
    }

    @Schema(name = "PortalCodeRequest")
    record CodeRequest(@NotBlank @Size(max = 32) String phone) {}

    @Schema(name = "PortalCodeSent")
    record CodeSent(
            long expiresInSeconds,

            @Schema(description = "how codes are delivered now: log (development), sms or whatsapp")
            String delivery) {}

    @Schema(name = "PortalVerifyRequest")
    record VerifyRequest(
            @NotBlank @Size(max = 32) String phone,

            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be 6 digits")
            String code) {}

    @Schema(name = "PortalSession")
    record PortalSession(
            @Schema(description = "send as Authorization: Bearer to /api/v1/portal/me, /history, /cancel, /checkout")
            String token,

            Instant expiresAt) {}

    @Schema(name = "PortalOffer")
    record Offer(
            @Schema(description = "stripe: plans are bought through Checkout; manual: ask the team")
            String mode,

            List<ContactPlan> plans) {}

    @Schema(name = "PortalMe")
    record Me(
            UUID contactId,
            @Nullable String name,
            @Nullable String phone,
            ContactPlanStatus plan,

            @Schema(description = "plans the contact can buy")
            List<ContactPlan> offered,

            String mode) {}

    @Schema(name = "PortalMessage")
    record PortalMessage(
            UUID id,
            UUID conversationId,

            @Schema(description = "inbound (the contact wrote) or outbound")
            String direction,

            String text,
            Instant createdAt) {}

    @Schema(name = "PortalCheckoutRequest")
    record CheckoutRequest(@NotNull UUID planId) {}

    @Schema(name = "PortalCheckout")
    record Checkout(
            @Schema(description = "send the browser here (Stripe Checkout)")
            String url) {}

    @GetMapping("/{orgId}/plans")
    @Operation(summary = "The plans an organisation offers its contacts (404 when it offers none)")
    Offer offer(@PathVariable UUID orgId) {
        if (!plans.inUse(orgId)) throw ApiProblem.notFound("Contact plans of organisation " + orgId);
        return new Offer(service.manual() ? "manual" : "stripe", offered(orgId));
    }

    @PostMapping("/{orgId}/otp")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Send a sign-in code to a contact's phone",
            description = "Same answer whether or not the phone belongs to a contact; only contacts get a code."
                    + " Rate limited per phone and per client address.")
    CodeSent requestCode(@PathVariable UUID orgId, @Valid @RequestBody CodeRequest request, HttpServletRequest http) {
        String phone = PhoneNumbers.international("phone", request.phone());
        String message = "Too many codes requested; wait before asking again";
        rateLimiter.consume(
                "portal-otp:phone:" + orgId + ":" + phone,
                limits.otpRequestsPerPhone(),
                limits.otpRequestWindow(),
                message);
        rateLimiter.consume(
                "portal-otp:ip:" + http.getRemoteAddr(), limits.otpRequestsPerIp(), limits.otpRequestWindow(), message);
        if (plans.inUse(orgId)) {
            tx.inOrg(orgId, () -> contacts.findByPhone(orgId, phone))
                    .filter(c -> !c.optedOut())
                    .ifPresent(c -> codes.send(purpose(orgId), orgId, phone, "Your code for your plan page is "));
        }
        return new CodeSent(codes.ttl().toSeconds(), codes.deliveryChannel());
    }

    @PostMapping("/{orgId}/verify")
    @Operation(summary = "Exchange the code for a contact token (30 minutes)")
    PortalSession verify(@PathVariable UUID orgId, @Valid @RequestBody VerifyRequest request, HttpServletRequest http) {
        String phone = PhoneNumbers.international("phone", request.phone());
        rateLimiter.consume(
                "portal-verify:ip:" + http.getRemoteAddr(),
                limits.otpRequestsPerIp() * 3,
                limits.otpRequestWindow(),
                "Too many sign-in attempts; wait before trying again");
        if (!codes.verify(purpose(orgId), phone, request.code())) {
            throw ApiProblem.unauthorized("invalid-otp", "The code is wrong, used or expired; request a new one");
        }
        ContactRef contact = tx.inOrg(orgId, () -> contacts.findByPhone(orgId, phone))
                .orElseThrow(() -> ApiProblem.unauthorized("invalid-otp", "The code is invalid or has expired"));
        var issued = tokens.issue(new ContactSession(orgId, contact.id()));
        return new PortalSession(issued.token(), issued.expiresAt());
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in contact: plan, usage this period and the plans on offer (contact token)")
    Me me(HttpServletRequest http) {
        ContactSession s = session(http);
        ContactRef c = contact(s);
        return new Me(
                c.id(),
                c.name(),
                c.phone(),
                service.status(s.orgId(), s.contactId()),
                offered(s.orgId()),
                service.manual() ? "manual" : "stripe");
    }

    @GetMapping("/history")
    @Operation(summary = "The signed-in contact's messages on every channel, newest first (contact token)")
    PageResponse<PortalMessage> history(@ParameterObject @Valid PageQuery page, HttpServletRequest http) {
        ContactSession s = session(http);
        contact(s);
        return tx.inOrg(s.orgId(), () -> conversations.visibleMessagesOfContact(s.orgId(), s.contactId(), page))
                .map(m -> new PortalMessage(
                        m.id(), m.conversationId(), m.direction(), m.content().searchableText(), m.createdAt()));
    }

    @PostMapping("/cancel")
    @Operation(summary = "Cancel the signed-in contact's plan (contact token): Stripe plans end with the paid period")
    ContactPlanStatus cancel(HttpServletRequest http) {
        ContactSession s = session(http);
        contact(s);
        return service.cancel(s.orgId(), s.contactId());
    }

    @PostMapping("/checkout")
    @Operation(summary = "A Stripe Checkout to buy a plan (contact token, stripe mode)")
    Checkout checkout(@Valid @RequestBody CheckoutRequest request, HttpServletRequest http) {
        ContactSession s = session(http);
        contact(s);
        if (plans.find(s.orgId(), request.planId()).isEmpty()) {
            throw ApiProblem.invalidField("planId", "no such plan");
        }
        // one session per contact, plan and minute: a double click gets the same Checkout
        String key = "portal-checkout-" + s.contactId() + "-" + request.planId() + "-"
                + Instant.now().getEpochSecond() / Duration.ofMinutes(1).toSeconds();
        return new Checkout(service.checkoutUrl(s.orgId(), s.contactId(), request.planId(), key));
    }

    private List<ContactPlan> offered(UUID orgId) {
        return plans.all(orgId, false).stream().filter(ContactPlan::purchasable).toList();
    }

    private ContactRef contact(ContactSession s) {
        return tx.inOrg(s.orgId(), () -> contacts.find(s.orgId(), s.contactId()))
                .orElseThrow(() -> ApiProblem.unauthorized("invalid-contact-token", "The contact no longer exists"));
    }

    private ContactSession session(HttpServletRequest http) {
        String header = http.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiProblem.unauthorized(
                    "contact-token-required", "Sign in with a phone code first: Authorization: Bearer <contact token>");
        }
        return tokens.verify(header.substring(7).trim())
                .orElseThrow(() -> ApiProblem.unauthorized(
                        "invalid-contact-token", "The contact token is invalid or expired; sign in again"));
    }

    private static String purpose(UUID orgId) {
        return "contact_portal:" + orgId;
    }
}
