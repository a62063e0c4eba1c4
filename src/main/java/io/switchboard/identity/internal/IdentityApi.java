package io.switchboard.identity.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Request and response bodies of the identity endpoints. */
final class IdentityApi {

    private IdentityApi() {}

    // ---- requests

    record SignupRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(min = 10, max = 128) String password,
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 100) String organizationName) {}

    record LoginRequest(
            @NotBlank @Email String email,
            @NotBlank @Size(max = 128) String password) {}

    record TotpLoginRequest(
            @NotBlank String mfaToken,

            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be 6 digits")
            String code) {}

    record RefreshRequest(@NotBlank String refreshToken) {}

    record SwitchOrganizationRequest(@NotNull UUID organizationId) {}

    record OtpRequest(@NotBlank @Size(max = 32) String phone) {}

    record OtpVerifyRequest(
            @NotBlank @Size(max = 32) String phone,

            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be 6 digits")
            String code) {}

    record PasswordResetRequest(@NotBlank @Email String email) {}

    record PasswordResetConfirmRequest(
            @NotBlank String token,
            @NotBlank @Size(min = 10, max = 128) String password) {}

    record AcceptInvitationRequest(
            @NotBlank String token,
            @Nullable @Size(max = 100) String name,
            @Nullable @Size(min = 10, max = 128) String password) {}

    record UpdateMeRequest(
            @Nullable @Size(min = 1, max = 100) String name,
            @Nullable @Size(max = 32) String phone) {}

    record TotpCodeRequest(
            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be 6 digits")
            String code) {}

    record CreateInvitationRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull Role role) {}

    record ChangeRoleRequest(@NotNull Role role) {}

    record CreateApiKeyRequest(
            @NotBlank @Size(max = 100) String name,

            @NotEmpty @Schema(description = "read, write and/or admin")
            Set<ApiKeyScope> scopes,

            @Nullable
            @Size(max = 50)
            @Schema(
                    description = "MCP tools this key may use (names as in GET /api/v1/mcp); omitted or null ="
                            + " every tool its scopes allow")
            Set<
                            @jakarta.validation.constraints.Pattern(
                                    regexp = "[a-z][a-z0-9_]{0,63}",
                                    message = "must be a tool name like place_call")
                            String>
                    tools) {}

    // ---- responses

    @Schema(name = "User")
    record UserView(
            UUID id,
            String email,
            String name,
            @Nullable String phone,
            @Nullable String platformRole,
            boolean totpEnabled,
            Instant createdAt) {}

    @Schema(name = "Organization")
    record OrganizationView(UUID id, String name, Instant createdAt) {}

    @Schema(description = "A signed-in session; mfaRequired is false")
    record Session(
            boolean mfaRequired,
            String accessToken,
            String refreshToken,
            String tokenType,
            long expiresIn,
            UserView user,
            OrganizationView organization,
            Role role) {}

    @Schema(description = "Password accepted; send the TOTP code with mfaToken to /api/v1/auth/login/totp")
    record MfaChallenge(boolean mfaRequired, String mfaToken) {}

    record MembershipView(UUID id, String name, Role role) {}

    record MeResponse(
            UserView user,
            OrganizationView organization,
            Role role,
            List<MembershipView> organizations,
            CurrentPrincipal.AuthMethod authentication) {}

    record OtpRequested(long expiresInSeconds, String delivery) {}

    record InvitationPreview(String organizationName, String email, Role role, boolean accountExists) {}

    record TotpSetup(String secret, String otpauthUri) {}

    record Member(UUID userId, String email, String name, Role role, Instant joinedAt) {}

    record Invitation(
            UUID id,
            String email,
            Role role,

            @Schema(allowableValues = {"pending", "accepted", "revoked", "expired"})
            String status,

            Instant createdAt,
            Instant expiresAt) {}

    record ApiKey(
            UUID id,
            String name,
            Set<ApiKeyScope> scopes,

            @Schema(description = "MCP tools the key is limited to; null = every tool its scopes allow") @Nullable
            Set<String> tools,

            String prefix,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt) {}

    @Schema(description = "The new key; `key` is shown only in this answer")
    record CreatedApiKey(
            UUID id,
            String name,
            Set<ApiKeyScope> scopes,
            @Nullable Set<String> tools,
            String prefix,
            Instant createdAt,
            String key) {}

    record AuditEvent(
            long id,
            String action,
            String actorType,
            @Nullable UUID actorId,
            @Nullable String actorLabel,
            @Nullable String targetType,
            @Nullable String targetId,
            @Nullable String ip,
            @Nullable String userAgent,
            Map<String, Object> details,
            Instant occurredAt) {}

    record DevMail(UUID id, String to, String subject, String body, Instant createdAt) {}

    record OrganizationSummary(UUID id, String name, long memberCount, Instant createdAt) {}

    record SystemStatus(
            String version,
            boolean offline,

            @Schema(allowableValues = {"embedded", "external"})
            String database,

            @Schema(allowableValues = {"smtp", "dev_mailbox"})
            String mail,

            @Schema(description = "log until an SMS or WhatsApp channel can deliver codes")
            String otpDelivery,

            List<String> notes) {}
}
