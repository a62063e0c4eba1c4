package io.switchboard.identity.internal;

import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.web.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                    + " font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self';"
                    + " form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            JwtService jwt,
            ApiKeyService apiKeys,
            MembershipCache memberships,
            ProblemResponses problems,
            OAuthServer oauth)
            throws Exception {
        http.csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny())
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()")))
                .addFilterBefore(
                        new BearerAuthenticationFilter(jwt, apiKeys, memberships, problems, oauth),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/api/v1/auth/signup",
                                "/api/v1/auth/login",
                                "/api/v1/auth/login/totp",
                                "/api/v1/auth/refresh",
                                "/api/v1/auth/logout",
                                "/api/v1/auth/otp/**",
                                "/api/v1/auth/password-reset",
                                "/api/v1/auth/password-reset/confirm",
                                "/api/v1/auth/invitations/**",
                                "/api/v1/system/status",
                                "/api/v1/system/ping")
                        .permitAll()
                        .requestMatchers("/webhooks/**")
                        .permitAll()
                        // OAuth protocol endpoints for MCP clients: they carry their own client credentials
                        .requestMatchers("/oauth2/**", "/.well-known/**")
                        .permitAll()
                        // the web chat widget's API: public, authenticated by visitor tokens (channels.webchat)
                        .requestMatchers("/api/v1/webchat/**")
                        .permitAll()
                        // contacts' self-service page: public, authenticated by contact tokens (billing)
                        .requestMatchers("/api/v1/portal/**")
                        .permitAll()
                        // files through signed links: the signature is the credential (storage module)
                        .requestMatchers(HttpMethod.GET, "/api/v1/files/*")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .requestMatchers(
                                "/actuator/health/**", "/actuator/health", "/actuator/prometheus", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole("SUPER_ADMIN")
                        .requestMatchers(HttpMethod.GET, "/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> problems.write(
                                response,
                                ApiProblem.unauthorized(
                                        "unauthenticated",
                                        "Sign in or send an API key: Authorization: Bearer <token>")))
                        .accessDeniedHandler((request, response, ex) ->
                                problems.write(response, ApiProblem.forbidden("Your role does not allow this"))));
        return http.build();
    }
}
