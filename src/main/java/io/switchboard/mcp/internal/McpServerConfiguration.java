package io.switchboard.mcp.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The MCP server: the SDK's stateless server over our HTTP endpoint, with the tool catalogue. */
@Configuration(proxyBeanMethods = false)
class McpServerConfiguration {

    static final String INSTRUCTIONS = "Switchboard: AI phone calls, contacts, messages (WhatsApp, SMS, web chat)"
            + " and knowledge search for one organisation. Calls cost prepaid credits: check get_credit_balance"
            + " or estimate_call_cost, ask the user, then place_call with confirm: true and follow the call with"
            + " get_call and get_transcript. Amounts are integer minor units (cents) of the currency named.";

    @Bean
    McpJsonMapper mcpJsonMapper(JsonMapper jsonMapper) {
        return new JacksonMcpJsonMapper(jsonMapper);
    }

    @Bean
    McpStatelessSyncServer mcpServer(
            McpHttpEndpoint endpoint, McpToolCatalog catalog, McpJsonMapper mcpJson, JsonMapper jsonMapper) {
        // tool answers: snake_case like the tool arguments, absent instead of null
        JsonMapper output = jsonMapper
                .rebuild()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
        var runner = new McpToolRunner(output);
        return McpServer.sync(endpoint)
                .serverInfo(
                        "switchboard",
                        McpServerConfiguration.class.getPackage().getImplementationVersion() == null
                                ? "dev"
                                : McpServerConfiguration.class.getPackage().getImplementationVersion())
                .instructions(INSTRUCTIONS)
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(mcpJson)
                .immediateExecution(true)
                .tools(catalog.tools().stream()
                        .map(t -> runner.specification(t, mcpJson))
                        .toList())
                .build();
    }

    @Bean
    FilterRegistrationBean<McpAuthChallengeFilter> mcpAuthChallengeFilter(ProtectedResourceMetadata metadata) {
        var registration = new FilterRegistrationBean<>(new McpAuthChallengeFilter(metadata));
        registration.addUrlPatterns(McpHttpEndpoint.PATH, McpHttpEndpoint.PATH + "/*");
        // after the request context (the public URL may come from the request), before Spring Security
        // (-100), so the 401 it writes carries our challenge
        registration.setOrder(-102);
        return registration;
    }
}
