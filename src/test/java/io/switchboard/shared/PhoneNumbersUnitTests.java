package io.switchboard.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneNumbersUnitTests {

    @Test
    void internationalNumbersBecomeE164() {
        assertThat(PhoneNumbers.international("phone", " +1 415-555-0123 ")).isEqualTo("+14155550123");
        assertThat(PhoneNumbers.international("phone", "+91 98765 43210")).isEqualTo("+919876543210");
    }

    @Test
    void signInRefusesNumbersWithoutCountryPrefix() {
        assertThatThrownBy(() -> PhoneNumbers.international("phone", "9876543210"))
                .isInstanceOf(ApiProblem.class)
                .hasMessageContaining("must be an international number");
        assertThatThrownBy(() -> PhoneNumbers.international("phone", "+1 000"))
                .isInstanceOf(ApiProblem.class)
                .hasMessageContaining("is not a valid phone number");
    }

    @Test
    void localNumbersAreReadInTheRegionOrTheDefault() {
        assertThat(PhoneNumbers.inRegion("phone", "98765 43210", null, "IN")).isEqualTo("+919876543210");
        assertThat(PhoneNumbers.inRegion("phone", "(415) 555-0123", "us", "IN")).isEqualTo("+14155550123");
        assertThat(PhoneNumbers.inRegion("phone", "+14155550123", "", "IN")).isEqualTo("+14155550123");
        assertThatThrownBy(() -> PhoneNumbers.inRegion("phone", "12", "US", "IN"))
                .isInstanceOf(ApiProblem.class)
                .hasMessageContaining("for region US");
        assertThatThrownBy(() -> PhoneNumbers.inRegion("phone", "call me", null, "IN"))
                .isInstanceOf(ApiProblem.class)
                .hasMessageContaining("is not a phone number");
    }
}
