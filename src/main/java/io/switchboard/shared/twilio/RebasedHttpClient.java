package io.switchboard.shared.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;

/**
 * Sends the SDK's requests to another base URL (a test fake, a proxy) by copying each request onto
 * the new host; the SDK has no base-URL setting of its own (only region and edge). Delegates to one
 * shared Apache-based client, and keeps the last response per instance so callers can read headers.
 */
public final class RebasedHttpClient extends HttpClient {

    private final HttpClient delegate;
    private final String base;

    public RebasedHttpClient(HttpClient delegate, String base) {
        this.delegate = delegate;
        this.base = base.replaceAll("/+$", "");
    }

    @Override
    public Response makeRequest(Request request) {
        return delegate.makeRequest(rebase(request));
    }

    private Request rebase(Request original) {
        if (base.isEmpty()) {
            return original;
        }
        URI uri = URI.create(original.getUrl());
        Request copy = new Request(original.getMethod(), base + uri.getRawPath());
        original.getQueryParams().forEach((name, values) -> values.forEach(v -> copy.addQueryParam(name, v)));
        original.getPostParams().forEach((name, values) -> values.forEach(v -> copy.addPostParam(name, v)));
        original.getHeaderParams().forEach((name, values) -> values.forEach(v -> copy.addHeaderParam(name, v)));
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        if (original.getContentType() != null) {
            copy.setContentType(original.getContentType());
        }
        if (original.getBody() != null) {
            copy.setBody(original.getBody());
        }
        if (original.getFormParameters() != null) {
            copy.setFormParameters(original.getFormParameters());
        }
        copy.setUserAgentExtensions(original.getUserAgentExtensions());
        return copy;
    }
}
