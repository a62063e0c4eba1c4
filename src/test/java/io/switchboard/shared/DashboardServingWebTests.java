package io.switchboard.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class DashboardServingWebTests extends IntegrationTest {

    @Test
    void dashboardRoutesServeTheAppWithSecurityHeaders() {
        for (String path : new String[] {"/", "/api-keys", "/members"}) {
            var response = api.send(api.request(path, null).setHeader("Accept", "text/html,application/xhtml+xml"));
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.raw()).contains("<div id=\"root\">");
            assertThat(response.header("Content-Security-Policy"))
                    .contains("default-src 'self'")
                    .contains("script-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void missingAssetIs404NotTheApp() {
        assertThat(api.get("/assets/missing-file.js", null).status()).isEqualTo(404);
    }

    @Test
    void healthPrometheusAndApiDocsAnswer() {
        assertThat(api.get("/actuator/health", null).json().get("status").asString())
                .isEqualTo("UP");
        var prometheus = api.send(api.request("/actuator/prometheus", null).setHeader("Accept", "text/plain"));
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.raw())
                .contains("hikaricp_connections")
                .contains("switchboard_inbound_backlog")
                .contains("switchboard_outbound_lag_seconds");
        var docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/api-keys/{id}")).isTrue();
        assertThat(api.send(api.request("/swagger-ui/index.html", null).setHeader("Accept", "text/html"))
                        .status())
                .isEqualTo(200);
    }
}
