package io.switchboard.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The OpenAPI document the dashboard's types are generated from. Record components are required
 * unless marked {@code @Nullable} (then optional and nullable), so generated TypeScript is exact;
 * every operation documents its Problem Details error answer.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI switchboardOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Switchboard API")
                        .version("v1")
                        .description("AI agents on WhatsApp, SMS, web chat and voice with a live inbox. Authenticate"
                                + " with `Authorization: Bearer <access token or API key>`. Errors are RFC"
                                + " 9457 Problem Details.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("JWT access token or API key (sb_...)")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    OpenApiCustomizer requiredAndNullableFromRecords() {
        Map<String, Set<String>> nullableBySchema = nullableRecordComponents("io.switchboard");
        return openApi -> {
            openApi.getComponents().addSchemas("Problem", problemSchema());
            openApi.getComponents().getSchemas().forEach((name, schema) -> {
                if (!"Problem".equals(name)) {
                    markRequiredAndNullable(schema, nullableBySchema.getOrDefault(name, Set.of()));
                }
            });
            var problem = new Content()
                    .addMediaType(
                            "application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
            openApi.getPaths()
                    .values()
                    .forEach(path -> path.readOperations()
                            .forEach(operation -> operation
                                    .getResponses()
                                    .addApiResponse(
                                            "default",
                                            new ApiResponse()
                                                    .description("Problem Details (RFC 9457)")
                                                    .content(problem))));
        };
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void markRequiredAndNullable(Schema schema, Set<String> nullable) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        List<String> required = new ArrayList<>();
        properties.forEach((property, propertySchema) -> {
            if (!nullable.contains(property)) {
                required.add(property);
            } else if (propertySchema.getOneOf() != null) {
                // "type: null" beside a oneOf would demand null AND one of them: null is one more choice
                var nullSchema = new Schema<>();
                nullSchema.addType("null");
                propertySchema.addOneOfItem(nullSchema);
            } else if (propertySchema.get$ref() == null) {
                propertySchema.addType("null");
            }
        });
        schema.setRequired(required);
    }

    private static Schema<?> problemSchema() {
        var fieldError =
                new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
        fieldError.setRequired(List.of("field", "message"));
        var problem = new ObjectSchema()
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(fieldError))
                .addProperty("retryAfterSeconds", new IntegerSchema());
        problem.setRequired(List.of("type", "title", "status"));
        problem.setDescription("RFC 9457 Problem Details; `errors` names the offending fields");
        return problem;
    }

    /** Schema name → names of record components annotated {@code @Nullable} (JSpecify, type use). */
    private static Map<String, Set<String>> nullableRecordComponents(String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(Record.class));
        Map<String, Set<String>> result = new HashMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = ClassUtils.resolveClassName(
                    candidate.getBeanClassName(), OpenApiConfiguration.class.getClassLoader());
            var annotation = type.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            String name = annotation != null && !annotation.name().isEmpty() ? annotation.name() : type.getSimpleName();
            Set<String> nullable = Arrays.stream(type.getRecordComponents())
                    .filter(c -> c.getAnnotatedType().isAnnotationPresent(Nullable.class)
                            || c.isAnnotationPresent(Nullable.class))
                    .map(java.lang.reflect.RecordComponent::getName)
                    .collect(Collectors.toSet());
            result.put(name, nullable);
        }
        return result;
    }
}
