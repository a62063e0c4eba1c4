package io.switchboard.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A customer's plain website on another origin (another port) than Switchboard, for embedding the chat
 * widget: it answers every path with the page a test last set.
 */
public final class CustomerSite implements AutoCloseable {

    private final HttpServer server;
    private volatile String pageHtml = "<!doctype html><title>empty</title>";

    private CustomerSite(HttpServer server) {
        this.server = server;
    }

    public static CustomerSite start() throws IOException {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        var site = new CustomerSite(server);
        server.createContext("/", exchange -> {
            byte[] body = site.pageHtml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return site;
    }

    /** The page served from now on. */
    public void serve(String html) {
        pageHtml = html;
    }

    /** For the channel's allowed origins and for navigating to the page. */
    public String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
