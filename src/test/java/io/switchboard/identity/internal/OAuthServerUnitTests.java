package io.switchboard.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.identity.Role;
import org.junit.jupiter.api.Test;

class OAuthServerUnitTests {

    @Test
    void pkceS256MatchesTheRfc7636Example() {
        // RFC 7636 appendix B
        assertThat(OAuthServer.pkceMatches(
                        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"))
                .isTrue();
        assertThat(OAuthServer.pkceMatches(
                        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXX", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"))
                .isFalse();
    }

    @Test
    void redirectUrisMustBeHttpsLoopbackOrAnAppScheme() {
        OAuthServer.checkRedirectUri("https://claude.ai/api/mcp/auth_callback");
        OAuthServer.checkRedirectUri("http://127.0.0.1:6274/oauth/callback");
        OAuthServer.checkRedirectUri("http://localhost:33418/callback");
        OAuthServer.checkRedirectUri("cursor://anysphere.cursor-retrieval/oauth/callback");
        for (String bad : new String[] {
            "http://evil.example/cb",
            "javascript:alert(1)",
            "data:text/html,hi",
            "/relative",
            "https://x.example/cb#frag"
        }) {
            assertThatThrownBy(() -> OAuthServer.checkRedirectUri(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            OAuthError.class, e -> assertThat(e.error()).isEqualTo("invalid_redirect_uri"));
        }
    }

    @Test
    void redirectMatchingIsExactExceptTheLoopbackPort() {
        assertThat(OAuthServer.redirectMatches("https://a.example/cb", "https://a.example/cb"))
                .isTrue();
        assertThat(OAuthServer.redirectMatches("https://a.example/cb", "https://a.example/cb2"))
                .isFalse();
        assertThat(OAuthServer.redirectMatches("https://a.example/cb", "https://a.example:8443/cb"))
                .isFalse();
        assertThat(OAuthServer.redirectMatches("http://127.0.0.1:1000/cb", "http://127.0.0.1:2000/cb"))
                .isTrue();
        assertThat(OAuthServer.redirectMatches("http://127.0.0.1:1000/cb", "http://127.0.0.1:2000/other"))
                .isFalse();
        assertThat(OAuthServer.redirectMatches("http://127.0.0.1/cb", "http://localhost/cb"))
                .isFalse();
    }

    @Test
    void scopesAreReadWriteAdminWithWriteByDefault() {
        assertThat(OAuthServer.grantedScope(null)).isEqualTo("write");
        assertThat(OAuthServer.grantedScope("openid profile")).isEqualTo("write");
        assertThat(OAuthServer.grantedScope("write read bogus")).isEqualTo("read write");
        assertThat(OAuthServer.scopeRole("read")).isEqualTo(Role.VIEWER);
        assertThat(OAuthServer.scopeRole("read write")).isEqualTo(Role.AGENT);
        assertThat(OAuthServer.scopeRole("admin")).isEqualTo(Role.ADMIN);
    }
}
