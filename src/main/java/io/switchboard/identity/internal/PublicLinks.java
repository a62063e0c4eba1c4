package io.switchboard.identity.internal;

import io.switchboard.shared.SwitchboardProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Base URL for links in mails: {@code SWITCHBOARD_PUBLIC_URL}, else the address the request used. */
@Component
class PublicLinks {

    private final String configured;

    PublicLinks(SwitchboardProperties properties) {
        String url = properties.publicUrl();
        this.configured = url == null ? "" : url.replaceAll("/+$", "");
    }

    String base() {
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
