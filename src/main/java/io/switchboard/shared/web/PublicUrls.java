package io.switchboard.shared.web;

import io.switchboard.shared.SwitchboardProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Base URL for links in mails and the webhook URLs providers call: {@code SWITCHBOARD_PUBLIC_URL},
 * else the address the current request used.
 */
@Component
public class PublicUrls {

    private final String configured;

    PublicUrls(SwitchboardProperties properties) {
        String url = properties.publicUrl();
        this.configured = url == null ? "" : url.replaceAll("/+$", "");
    }

    /** Base URL without a trailing slash. */
    public String base() {
        if (!configured.isEmpty()) {
            return configured;
        }
        try {
            return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        } catch (IllegalStateException outsideRequest) {
            return "http://localhost:8080";
        }
    }
}
