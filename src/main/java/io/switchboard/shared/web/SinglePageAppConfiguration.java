package io.switchboard.shared.web;

import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the dashboard: real files as they are, and {@code index.html} for client-side routes, that
 * is for paths without a file extension outside the API, docs and webhook prefixes.
 */
@Configuration(proxyBeanMethods = false)
class SinglePageAppConfiguration implements WebMvcConfigurer {

    private static final String[] SERVER_PREFIXES = {
        "api/", "v3/", "actuator/", "webhooks/", "swagger-ui", "mcp", "error"
    };

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/**")
                .addResourceLocations("classpath:/static/")
                .resourceChain(true)
                .addResolver(new PathResourceResolver() {
                    @Override
                    protected @Nullable Resource getResource(String path, Resource location) throws IOException {
                        Resource requested = location.createRelative(path);
                        if (requested.exists() && requested.isReadable()) {
                            return requested;
                        }
                        if (isClientRoute(path)) {
                            Resource index = new ClassPathResource("static/index.html");
                            return index.exists() ? index : null;
                        }
                        return null;
                    }
                });
    }

    static boolean isClientRoute(String path) {
        for (String prefix : SERVER_PREFIXES) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
