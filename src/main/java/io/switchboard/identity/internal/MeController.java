package io.switchboard.identity.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.internal.IdentityApi.MeResponse;
import io.switchboard.identity.internal.IdentityApi.TotpCodeRequest;
import io.switchboard.identity.internal.IdentityApi.TotpSetup;
import io.switchboard.identity.internal.IdentityApi.UpdateMeRequest;
import io.switchboard.identity.internal.IdentityApi.UserView;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Me", description = "The signed-in user, profile and two-factor sign-in")
class MeController {

    private final ProfileService profiles;

    MeController(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GetMapping
    @Operation(summary = "Who am I: user, current organisation and role, and all my organisations")
    MeResponse me() {
        return profiles.me(CurrentPrincipal.get());
    }

    @PatchMapping
    @Operation(summary = "Change my name or phone (phone in international format, used for code sign-in)")
    UserView update(@Valid @RequestBody UpdateMeRequest request) {
        return profiles.update(CurrentPrincipal.get().requireUser(), request);
    }

    @PostMapping("/totp/setup")
    @Operation(summary = "Start two-factor setup: a new secret to add to an authenticator app")
    TotpSetup setupTotp() {
        return profiles.setupTotp(CurrentPrincipal.get().requireUser());
    }

    @PostMapping("/totp/enable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Turn two-factor sign-in on with a code from the authenticator app")
    void enableTotp(@Valid @RequestBody TotpCodeRequest request) {
        profiles.enableTotp(CurrentPrincipal.get().requireUser(), request.code());
    }

    @PostMapping("/totp/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Turn two-factor sign-in off (needs a current code)")
    void disableTotp(@Valid @RequestBody TotpCodeRequest request) {
        profiles.disableTotp(CurrentPrincipal.get().requireUser(), request.code());
    }
}
