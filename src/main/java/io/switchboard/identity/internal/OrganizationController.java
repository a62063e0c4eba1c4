package io.switchboard.identity.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.identity.internal.IdentityApi.ApiKey;
import io.switchboard.identity.internal.IdentityApi.AuditEvent;
import io.switchboard.identity.internal.IdentityApi.ChangeRoleRequest;
import io.switchboard.identity.internal.IdentityApi.CreateApiKeyRequest;
import io.switchboard.identity.internal.IdentityApi.CreateInvitationRequest;
import io.switchboard.identity.internal.IdentityApi.CreatedApiKey;
import io.switchboard.identity.internal.IdentityApi.DevMail;
import io.switchboard.identity.internal.IdentityApi.Invitation;
import io.switchboard.identity.internal.IdentityApi.Member;
import io.switchboard.identity.internal.IdentityApi.OrganizationSummary;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Everything an organisation administers: members, invitations, API keys, audit log, mailbox. */
@RestController
@RequestMapping("/api/v1")
class OrganizationController {

    private final MemberService members;
    private final ApiKeyService apiKeys;
    private final AuditService audit;
    private final MailService mail;

    OrganizationController(MemberService members, ApiKeyService apiKeys, AuditService audit, MailService mail) {
        this.members = members;
        this.apiKeys = apiKeys;
        this.audit = audit;
        this.mail = mail;
    }

    @GetMapping("/members")
    @Tag(name = "Members")
    @Operation(summary = "Members of the current organisation")
    PageResponse<Member> members(@ParameterObject @Valid PageQuery page) {
        return members.list(page);
    }

    @PatchMapping("/members/{userId}")
    @Tag(name = "Members")
    @Operation(summary = "Change a member's role (owner role only by an owner; the last owner stays)")
    Member changeRole(@PathVariable UUID userId, @Valid @RequestBody ChangeRoleRequest request) {
        return members.changeRole(userId, request.role());
    }

    @DeleteMapping("/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Tag(name = "Members")
    @Operation(summary = "Remove a member (or leave, for yourself); the last owner can't be removed")
    void removeMember(@PathVariable UUID userId) {
        members.remove(userId);
    }

    @GetMapping("/invitations")
    @Tag(name = "Members")
    @Operation(summary = "Invitations sent by the current organisation")
    PageResponse<Invitation> invitations(@ParameterObject @Valid PageQuery page) {
        return members.listInvitations(page);
    }

    @PostMapping("/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    @Tag(name = "Members")
    @Operation(summary = "Invite someone by email with a role; the mail carries a 7-day link")
    Invitation invite(@Valid @RequestBody CreateInvitationRequest request) {
        return members.invite(request.email(), request.role());
    }

    @DeleteMapping("/invitations/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Tag(name = "Members")
    @Operation(summary = "Revoke a pending invitation")
    void revokeInvitation(@PathVariable UUID id) {
        members.revokeInvitation(id);
    }

    @GetMapping("/api-keys")
    @Tag(name = "API keys")
    @Operation(summary = "API keys of the current organisation (never the secret)")
    PageResponse<ApiKey> apiKeys(@ParameterObject @Valid PageQuery page) {
        return apiKeys.list(page);
    }

    @PostMapping("/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    @Tag(name = "API keys")
    @Operation(summary = "Create an API key; the answer is the only time the key is shown")
    CreatedApiKey createApiKey(@Valid @RequestBody CreateApiKeyRequest request) {
        return apiKeys.create(request.name(), request.scopes(), request.tools());
    }

    @DeleteMapping("/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Tag(name = "API keys")
    @Operation(summary = "Revoke an API key; it stops working at once on this node, within 30 s everywhere")
    void revokeApiKey(@PathVariable UUID id) {
        apiKeys.revoke(id);
    }

    @GetMapping("/audit-events")
    @Tag(name = "Audit log")
    @Operation(summary = "Audit log of the current organisation, newest first")
    PageResponse<AuditEvent> auditEvents(
            @ParameterObject @Valid PageQuery page,
            @Parameter(description = "action prefix, e.g. auth. or api_key.created")
                    @RequestParam(required = false)
                    @Nullable
                    String action,
            @RequestParam(required = false) @Nullable UUID actorId,
            @Parameter(description = "ISO-8601 instant, inclusive") @RequestParam(required = false) @Nullable
                    Instant from,
            @Parameter(description = "ISO-8601 instant, exclusive") @RequestParam(required = false) @Nullable
                    Instant to) {
        CurrentPrincipal.get().require(Role.ADMIN);
        return audit.list(page, action, actorId, from, to);
    }

    @GetMapping("/dev-mailbox")
    @Tag(name = "Development mailbox")
    @Operation(summary = "Mail kept here because no SMTP server is configured (owners and admins)")
    PageResponse<DevMail> devMailbox(@ParameterObject @Valid PageQuery page) {
        CurrentPrincipal.get().require(Role.ADMIN);
        return mail.devMailbox(page);
    }

    @GetMapping("/admin/organizations")
    @Tag(name = "Platform administration")
    @Operation(summary = "All organisations on this installation (super admins only)")
    PageResponse<OrganizationSummary> organizations(@ParameterObject @Valid PageQuery page) {
        return members.allOrganizations(page);
    }
}
