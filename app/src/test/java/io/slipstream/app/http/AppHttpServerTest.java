package io.slipstream.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The app's one HTTP server, over real sockets: routes from several features, loopback, a busy port named. */
class AppHttpServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void servesTheRoutesOfEveryFeatureOnOnePort() throws Exception {
        try (AppHttpServer server = AppHttpServer.on(0)
                .routes(config -> config.routes.get("/metrics", ctx -> ctx.result("m")))
                .routes(config -> config.routes.get("/view", ctx -> ctx.result("v")))
                .start()) {
            assertEquals("m", get(server.port(), "/metrics").body());
            assertEquals("v", get(server.port(), "/view").body());
            assertEquals(404, get(server.port(), "/other").statusCode());
        }
    }

    @Test
    void bindsToLoopbackUnlessToldOtherwise() throws Exception {
        try (AppHttpServer server = AppHttpServer.on(0).start()) {
            assertEquals("127.0.0.1", server.host());
            assertTrue(InetAddress.getByName(server.host()).isLoopbackAddress());
        }
    }

    @Test
    void aBusyPortFailsNamingTheAddress() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName(AppHttpServer.LOOPBACK))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> AppHttpServer.on(busy.getLocalPort()).start());
            assertTrue(e.getMessage().startsWith("cannot serve HTTP on 127.0.0.1:" + busy.getLocalPort() + ": "),
                    e::getMessage);
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
