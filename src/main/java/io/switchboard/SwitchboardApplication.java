package io.switchboard;

import io.switchboard.mcp.McpStdioBridge;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableAsync
@EnableScheduling
public class SwitchboardApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(McpStdioBridge.COMMAND)) {
            // stdio mode for desktop MCP clients: a bridge to a server, no web server or database here
            System.exit(McpStdioBridge.run(
                    java.util.Arrays.copyOfRange(args, 1, args.length), System.in, System.out, System.err));
        }
        SpringApplication.run(SwitchboardApplication.class, args);
    }
}
