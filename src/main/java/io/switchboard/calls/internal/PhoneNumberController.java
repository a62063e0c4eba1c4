package io.switchboard.calls.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
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

@RestController
@RequestMapping("/api/v1/calls/phone-numbers")
@Tag(name = "Calls")
class PhoneNumberController {

    private final PhoneNumberService numbers;

    PhoneNumberController(PhoneNumberService numbers) {
        this.numbers = numbers;
    }

    /** @param twilioConfigured false: numbers can't be bought (TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN unset) */
    record NumberList(boolean twilioConfigured, List<PhoneNumberService.OwnedNumber> items) {}

    @GetMapping
    @Operation(summary = "The organisation's outbound caller ids (Twilio numbers) and which agent uses each")
    NumberList list() {
        return new NumberList(
                numbers.configured(), numbers.list(CurrentPrincipal.get().orgId()));
    }

    /** @param twilioConfigured false: nothing can be bought, items is empty */
    record AvailableList(boolean twilioConfigured, List<PhoneNumberService.AvailableNumber> items) {}

    @GetMapping("/available")
    @Operation(
            summary = "Twilio numbers with voice that can be bought (empty with twilioConfigured=false without Twilio)")
    AvailableList available(
            @RequestParam(defaultValue = "US") String country,
            @RequestParam(required = false) @Nullable Integer areaCode) {
        CurrentPrincipal.get().require(Role.ADMIN);
        if (!numbers.configured()) return new AvailableList(false, List.of());
        return new AvailableList(true, numbers.available(country, areaCode));
    }

    record BuyRequest(
            @NotBlank @Size(max = 40) String phoneNumber,
            @Nullable UUID agentId) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Buy a Twilio number for outbound calls, optionally for one agent (admins)")
    PhoneNumberService.OwnedNumber buy(@Valid @RequestBody BuyRequest request) {
        var principal = CurrentPrincipal.get().require(Role.ADMIN);
        return numbers.buy(principal.orgId(), request.phoneNumber(), request.agentId());
    }

    record AssignRequest(@Nullable UUID agentId) {}

    @PutMapping("/{id}")
    @Operation(summary = "Give the number to an agent (its calls dial from it), or to none")
    PhoneNumberService.OwnedNumber assign(@PathVariable UUID id, @RequestBody AssignRequest request) {
        var principal = CurrentPrincipal.get().require(Role.ADMIN);
        return numbers.assign(principal.orgId(), id, request.agentId());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Release the number at Twilio and forget it (admins)")
    void release(@PathVariable UUID id) {
        var principal = CurrentPrincipal.get().require(Role.ADMIN);
        numbers.release(principal.orgId(), id);
    }
}
