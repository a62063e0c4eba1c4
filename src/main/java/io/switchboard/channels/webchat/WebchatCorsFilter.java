package io.switchboard.channels.webchat;

import io.switchboard.channels.ChannelEndpoints;
import io.switchboard.channels.spi.ChannelConnection;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the widget API, per channel: the site a visitor is on must be one of the channel's
 * {@code allowedOrigins}. Allowed origins get CORS headers (and preflights their 204); any other
 * {@code Origin} gets 403. A request without {@code Origin} is not a cross-site browser call and
 * passes (the visitor token still guards everything but the config). Also marks {@code /widget.js}
 * loadable from other sites ({@code Cross-Origin-Resource-Policy: cross-origin}).
 */
class WebchatCorsFilter extends OncePerRequestFilter {

    static final String PREFIX = "/api/v1/webchat/";
    static final String CHANNEL_ATTRIBUTE = WebchatCorsFilter.class.getName() + ".channel";

    private final ChannelEndpoints channels;
    private final ProblemResponses problems;

    WebchatCorsFilter(ChannelEndpoints channels, ProblemResponses problems) {
        this.channels = channels;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (!path.startsWith(PREFIX)) {
            response.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
            chain.doFilter(request, response);
            return;
        }
        String rest = path.substring(PREFIX.length());
        String publicId = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        Optional<ChannelConnection> channel = publicId.isEmpty() || publicId.length() > 64
                ? Optional.empty()
                : channels.enabledByPublicId(WebchatChannelFactory.TYPE, publicId);
        if (channel.isEmpty()) {
            problems.write(response, ApiProblem.notFound("Web chat channel " + publicId));
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        if (origin != null) {
            if (!WebchatSettings.of(channel.get()).allows(origin)) {
                problems.write(
                        response,
                        ApiProblem.forbidden("The origin " + origin + " is not allowed to use this chat widget"));
                return;
            }
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "Retry-After");
            if ("OPTIONS".equals(request.getMethod())
                    && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
                response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
                response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type");
                response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
        }
        request.setAttribute(CHANNEL_ATTRIBUTE, channel.get());
        chain.doFilter(request, response);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** Runs before Spring Security so preflights are answered here, for the widget API and script only. */
        @Bean
        FilterRegistrationBean<WebchatCorsFilter> webchatCorsFilter(
                ChannelEndpoints channels, ProblemResponses problems) {
            var registration = new FilterRegistrationBean<>(new WebchatCorsFilter(channels, problems));
            registration.addUrlPatterns(PREFIX + "*", "/widget.js");
            registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
            return registration;
        }
    }
}
