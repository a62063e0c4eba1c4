package io.switchboard.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI switchboardOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Switchboard API")
                .version("v1")
                .description(
                    "AI agents on WhatsApp, SMS, web chat and voice with a live inbox. Authenticate"
                        + " with `Authorization: Bearer <access token or API key>`. Errors are RFC"
                        + " 9457 Problem Details.")
                .license(new License().name("Apache-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("JWT access token or API key (sb_...)")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
