package io.slipstream.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The view in a real browser: headless Chromium driven through WebDriver against {@code slipstream view} on the
 * shared embedded stack. A replayed real .ibt is plotted (trace pixels on the canvas, lap-marker labels in the
 * DOM) and a live synthetic run's plot grows while it streams. Skipped, loudly, only where no Chromium and
 * chromedriver can be found ({@code .ci/run} installs them). {@code -Dview.screenshot=PATH} also writes the .ibt
 * page there (how {@code docs/view.png} is made).
 */
class ViewBrowserTest {

    @RegisterExtension
    static final SharedStack STACK = new SharedStack();

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("View: (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    static Path dir;

    private static ChromeDriver browser;
    private static Cli.Background view;
    private static String base;

    @BeforeAll
    static void startTheViewAndABrowser() throws IOException {
        File chromium = firstExisting(System.getProperty("view.chromium"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome");
        File driver = firstExisting(System.getProperty("view.chromedriver"), "/usr/bin/chromedriver",
                "/usr/lib/chromium/chromedriver");
        if (chromium == null || driver == null) {
            String why = "ViewBrowserTest SKIPPED: no Chromium (" + chromium + ") or chromedriver (" + driver + ") found; "
                    + "install the Debian packages chromium and chromium-driver (.ci/run does) to run it";
            System.err.println("\n*** " + why + " ***\n");
            Assumptions.assumeTrue(false, why);
        }
        view = Cli.start("view", "--bootstrap", STACK.get().kafkaBootstrap(), "--port", "0");
        view.awaitUntil("the view's address", BOUND, () -> ADDRESS.matcher(view.out()).find());
        Matcher m = ADDRESS.matcher(view.out());
        assertTrue(m.find());
        base = m.group(1);

        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1500,950", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (view != null) {
            view.requestStop();
            assertEquals(0, view.await(BOUND).code());
        }
    }

    private static File firstExisting(String... paths) {
        for (String p : paths) {
            if (p != null && new File(p).canExecute()) {
                return new File(p);
            }
        }
        return null;
    }

    @Test
    void aReplayedIbtLapIsDrawnWithItsLapMarkersLabelled() throws Exception {
        Path ibt = dir.resolve("valid.ibt");
        try (InputStream in = ViewBrowserTest.class.getResourceAsStream("/ibt/teamjorge_valid_test_file.ibt")) {
            Files.copy(in, ibt);
        }
        Cli.Result replay = Cli.run(STACK.with(dir.resolve("no-plugins"), "replay", ibt.toString(), "--fast",
                "--data-source", "ViewIbt"));
        assertEquals(0, replay.code(), replay::toString);
        JsonNode sessions = api("/api/datasources/ViewIbt/sessions").get("sessions");
        assertEquals(1, sessions.size());
        String key = sessions.get(0).get("key").asText();
        assertEquals("ok", sessions.get(0).get("verdict").asText(), "the replayed session keeps every rule");
        List<String> markerLabels = new ArrayList<>();
        api("/api/datasources/ViewIbt/sessions/" + key + "/marks").get("markers").forEach(m -> markerLabels.add(m.get("label").asText()));
        assertFalse(markerLabels.isEmpty(), "the replay lands lap markers (an out lap at least)");

        browser.get(base + "?ds=ViewIbt");
        clickSession(key);
        WebElement search = waitFor(By.id("search"));
        search.sendKeys("Speed");
        waitFor(By.cssSelector("#channels input[value='Speed:iRacing']")).click();
        waitFor(By.cssSelector("#channels")).getText();
        search.clear();
        search.sendKeys("RPM");
        waitFor(By.cssSelector("#channels input[value='RPM:iRacing']")).click();

        await().atMost(BOUND).until(() -> tracePixels("Speed:iRacing") > 200 && tracePixels("RPM:iRacing") > 200);
        await().atMost(BOUND).until(() -> labels().containsAll(markerLabels));
        assertEquals(2, browser.findElements(By.cssSelector("#plots .plot")).size(), "two stacked plots");
        assertTrue(browser.findElement(By.cssSelector(".plot[data-channel='Speed:iRacing'] .plot-title")).getText()
                .contains("[m/s]"), "units shown with the trace");
        assertEquals("Every rule holds.", browser.findElement(By.id("verdict")).getText());
        Path shot = screenshot(Path.of("target", "view-ibt.png"));
        String docs = System.getProperty("view.screenshot");
        if (docs != null && !docs.isBlank()) {
            Files.copy(shot, Path.of(docs), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void aLiveSessionsPlotGrowsWhileASyntheticRunStreams() throws Exception {
        Path cfg = Files.writeString(dir.resolve("live.yaml"), """
                pipelines:
                  - name: live
                    source: { provider: synthetic, preset: demo }
                    block: { span: 100ms, linger: 200ms }
                    markers: { out-lap: true }
                    overflow: { policy: drop-oldest }
                    sink: { data-source: ViewLive }
                """);
        Cli.Background run = Cli.start(STACK.with(dir.resolve("no-plugins"), "run", cfg.toString(), "--view", "0"));
        try {
            run.awaitUntil("the run's view address", BOUND, () -> ADDRESS.matcher(run.out()).find());
            Matcher beside = ADDRESS.matcher(run.out());
            assertTrue(beside.find());
            HttpResponse<String> besideRun = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(beside.group(1) + "api/datasources")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, besideRun.statusCode(), "run --view serves the view beside the run: " + besideRun.body());
            await().atMost(BOUND).until(() -> api("/api/datasources").get("dataSources").toString().contains("\"ViewLive\""));
            await().atMost(BOUND).until(() -> api("/api/datasources/ViewLive/sessions").get("sessions").size() == 1);
            String key = api("/api/datasources/ViewLive/sessions").get("sessions").get(0).get("key").asText();
            browser.get(base + "?ds=ViewLive");
            clickSession(key);
            assertEquals("live", waitFor(By.cssSelector("#sessions tr.selected td.live")).getText());
            WebElement search = waitFor(By.id("search"));
            search.sendKeys("vCar");
            waitFor(By.cssSelector("#channels input[value='vCar:Synthetic']")).click();
            await().atMost(BOUND).until(() -> tracePixels("vCar:Synthetic") > 50);
            double first = lastDrawnTime();
            // The plot grows: its last drawn time moves on as data lands. (Its pixel count need not grow: the
            // x axis fits the whole session to the same width, so a sine keeps about as many pixels.)
            await().atMost(BOUND).until(() -> lastDrawnTime() > first + 1.0);
            assertTrue(tracePixels("vCar:Synthetic") > 50, "the trace is still drawn after the plot grew");
            screenshot(Path.of("target", "view-live.png"));
        } finally {
            run.requestStop();
            assertEquals(0, run.await(BOUND).code());
        }
    }

    private static void clickSession(String key) {
        waitFor(By.cssSelector("#sessions tr[data-key='" + key + "']")).click();
    }

    private static WebElement waitFor(By by) {
        await().atMost(BOUND).ignoreExceptions().until(() -> browser.findElement(by).isDisplayed());
        return browser.findElement(by);
    }

    /** @return how many opaque pixels of the channel's trace colour its plot canvas holds (0 before it is drawn) */
    private static int tracePixels(String channel) {
        Object n = ((JavascriptExecutor) browser).executeScript("""
                const p = window.slipstreamView.plots.get(arguments[0]);
                const c = document.querySelector('.plot[data-channel="' + arguments[0] + '"] canvas');
                if (!p || !c) return 0;
                const rgb = [1, 3, 5].map((i) => parseInt(p.color.substr(i, 2), 16));
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 0; i < d.length; i += 4) {
                  if (d[i + 3] > 200 && Math.abs(d[i] - rgb[0]) < 30 && Math.abs(d[i + 1] - rgb[1]) < 30
                      && Math.abs(d[i + 2] - rgb[2]) < 30) n++;
                }
                return n;""", channel);
        return ((Number) n).intValue();
    }

    private static double lastDrawnTime() {
        Object t = ((JavascriptExecutor) browser).executeScript("""
                const p = window.slipstreamView.plots.values().next().value;
                const xs = p ? p.u.data[0] : [];
                return xs.length ? xs[xs.length - 1] : 0;""");
        return ((Number) t).doubleValue();
    }

    private static List<String> labels() {
        return browser.findElements(By.cssSelector("#marks .mark-label.marker")).stream().map(WebElement::getText).toList();
    }

    private static Path screenshot(Path to) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(to.toAbsolutePath().getParent());
        Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
        return to;
    }

    private static JsonNode api(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
