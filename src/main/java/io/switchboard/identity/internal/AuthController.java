package io.switchboard.identity.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.internal.IdentityApi.AcceptInvitationRequest;
import io.switchboard.identity.internal.IdentityApi.InvitationPreview;
import io.switchboard.identity.internal.IdentityApi.LoginRequest;
import io.switchboard.identity.internal.IdentityApi.MfaChallenge;
import io.switchboard.identity.internal.IdentityApi.OtpRequest;
import io.switchboard.identity.internal.IdentityApi.OtpRequested;
import io.switchboard.identity.internal.IdentityApi.OtpVerifyRequest;
import io.switchboard.identity.internal.IdentityApi.PasswordResetConfirmRequest;
import io.switchboard.identity.internal.IdentityApi.PasswordResetRequest;
import io.switchboard.identity.internal.IdentityApi.RefreshRequest;
import io.switchboard.identity.internal.IdentityApi.Session;
import io.switchboard.identity.internal.IdentityApi.SignupRequest;
import io.switchboard.identity.internal.IdentityApi.SwitchOrganizationRequest;
import io.switchboard.identity.internal.IdentityApi.TotpLoginRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication", description = "Sign-up, sign-in (password, TOTP, phone code), tokens")
class AuthController {

    private final AuthService auth;
    private final MemberService members;

    AuthController(AuthService auth, MemberService members) {
        this.auth = auth;
        this.members = members;
    }

    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirements
    @Operation(summary = "Create an account and its organisation; answers a signed-in session")
    Session signup(@Valid @RequestBody SignupRequest request) {
        return auth.signup(request);
    }

    @PostMapping("/login")
    @SecurityRequirements
    @Operation(summary = "Sign in with email and password")
    @ApiResponse(
            responseCode = "200",
            description = "A session, or an MFA challenge when two-factor sign-in is on",
            content = @Content(schema = @Schema(oneOf = {Session.class, MfaChallenge.class})))
    Object login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return auth.login(request.email(), request.password(), http.getRemoteAddr());
    }

    @PostMapping("/login/totp")
    @SecurityRequirements
    @Operation(summary = "Finish a two-factor sign-in with the authenticator code")
    Session loginTotp(@Valid @RequestBody TotpLoginRequest request, HttpServletRequest http) {
        return auth.loginWithTotp(request.mfaToken(), request.code(), http.getRemoteAddr());
    }

    @PostMapping("/refresh")
    @SecurityRequirements
    @Operation(summary = "Exchange a refresh token for new tokens (the old refresh token stops working)")
    Session refresh(@Valid @RequestBody RefreshRequest request) {
        return auth.refresh(request.refreshToken());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirements
    @Operation(summary = "Revoke a refresh token and its rotations")
    void logout(@Valid @RequestBody RefreshRequest request) {
        auth.logout(request.refreshToken());
    }

    @PostMapping("/switch")
    @Operation(summary = "Get a session for another organisation the user belongs to")
    Session switchOrganization(@Valid @RequestBody SwitchOrganizationRequest request) {
        return auth.switchOrganization(CurrentPrincipal.get().requireUser(), request.organizationId());
    }

    @PostMapping("/otp/request")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @SecurityRequirements
    @Operation(summary = "Send a 6-digit sign-in code to the account's phone (same answer for unknown numbers)")
    OtpRequested requestOtp(@Valid @RequestBody OtpRequest request, HttpServletRequest http) {
        return auth.requestOtp(request.phone(), http.getRemoteAddr());
    }

    @PostMapping("/otp/verify")
    @SecurityRequirements
    @Operation(summary = "Sign in with the phone code")
    Session verifyOtp(@Valid @RequestBody OtpVerifyRequest request) {
        return auth.verifyOtp(request.phone(), request.code());
    }

    @PostMapping("/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @SecurityRequirements
    @Operation(summary = "Mail a password reset link (same answer for unknown addresses)")
    void requestPasswordReset(@Valid @RequestBody PasswordResetRequest request, HttpServletRequest http) {
        auth.requestPasswordReset(request.email(), http.getRemoteAddr());
    }

    @PostMapping("/password-reset/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirements
    @Operation(summary = "Set a new password with the token from the reset mail; signs out every session")
    void confirmPasswordReset(@Valid @RequestBody PasswordResetConfirmRequest request) {
        auth.confirmPasswordReset(request.token(), request.password());
    }

    @GetMapping("/invitations/{token}")
    @SecurityRequirements
    @Operation(summary = "What an invitation is for, before accepting it")
    InvitationPreview invitation(@PathVariable String token) {
        return members.preview(token);
    }

    @PostMapping("/invitations/accept")
    @SecurityRequirements
    @Operation(summary = "Accept an invitation (name and password create the account when none exists)")
    Session acceptInvitation(@Valid @RequestBody AcceptInvitationRequest request) {
        return members.accept(request.token(), request.name(), request.password());
    }
}
