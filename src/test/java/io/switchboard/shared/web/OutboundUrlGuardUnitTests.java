package io.switchboard.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.shared.ApiProblem;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class OutboundUrlGuardUnitTests {

    @Test
    void refusesLoopbackAndPrivateAddressesUnlessAllowed() throws Exception {
        assertThat(OutboundUrlGuard.refusal(InetAddress.getByName("127.0.0.1"), false))
                .contains("loopback");
        assertThat(OutboundUrlGuard.refusal(InetAddress.getByName("10.1.2.3"), false))
                .contains("private");
        assertThat(OutboundUrlGuard.refusal(InetAddress.getByName("192.168.0.10"), false))
                .contains("private");
        assertThat(OutboundUrlGuard.refusal(InetAddress.getByName("100.64.0.1"), false))
                .contains("carrier-grade");
        assertThat(OutboundUrlGuard.refusal(InetAddress.getByName("fd00::1"), false))
                .contains("unique-local");
        assertThat(OutboundUrlGuard.refusal(InetAddress.getByName("127.0.0.1"), true))
                .isNull();
        assertThat(OutboundUrlGuard.refusal(InetAddress.getByName("10.1.2.3"), true))
                .isNull();
        assertThat(OutboundUrlGuard.refusal(InetAddress.getByName("8.8.8.8"), false))
                .isNull();
    }

    @Test
    void neverAllowsMetadataWildcardOrMulticastAddresses() throws Exception {
        assertThat(OutboundUrlGuard.refusal(InetAddress.getByName("169.254.169.254"), true))
                .contains("link-local");
        assertThat(OutboundUrlGuard.refusal(InetAddress.getByName("0.0.0.0"), true))
                .contains("wildcard");
        assertThat(OutboundUrlGuard.refusal(InetAddress.getByName("224.0.0.1"), true))
                .contains("multicast");
    }

    @Test
    void namesTheFieldAndTheProblem() {
        assertThatThrownBy(() -> OutboundUrlGuard.check("baseUrl", "http://127.0.0.1:11434", false))
                .isInstanceOf(ApiProblem.class)
                .hasMessageContaining("baseUrl")
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> OutboundUrlGuard.check("baseUrl", "ftp://example.com", true))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> OutboundUrlGuard.check("baseUrl", "http://user:pw@8.8.8.8/", true))
                .hasMessageContaining("credentials");
        assertThat(OutboundUrlGuard.check("baseUrl", "http://8.8.8.8/v1", false).getHost())
                .isEqualTo("8.8.8.8");
    }
}
