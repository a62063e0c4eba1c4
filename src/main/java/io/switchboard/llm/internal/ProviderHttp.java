package io.switchboard.llm.internal;

import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;

/** One JDK HTTP client (connection pool) for every provider call; each provider gets a thin per-request wrapper. */
@Component
class ProviderHttp {

    private final HttpClient jdk;
    private final LlmProperties properties;

    ProviderHttp(LlmProperties properties) {
        this.properties = properties;
        this.jdk = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    ProviderHttpClient newClient() {
        return new ProviderHttpClient(jdk, properties.overallTimeout());
    }

    HttpClient jdk() {
        return jdk;
    }
}
