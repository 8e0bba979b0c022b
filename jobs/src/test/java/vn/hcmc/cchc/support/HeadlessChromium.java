package vn.hcmc.cchc.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real browser for tests of what people view: headless Chromium (Debian's {@code chromium}, or
 * the binary named by {@code $CHROMIUM}) on a throw-away profile, driven over the DevTools protocol
 * on a {@link WebSocket} of the JDK. It records what a page logs as errors (console, uncaught
 * exceptions, the browser's own log) and every URL it requests, so that a test can prove a page
 * drew itself without errors and without fetching anything.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
      "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");

  private final ObjectMapper json = new ObjectMapper();
  private final Process process;
  private final Path profile;
  private final Path log;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private WebSocket socket;

  private HeadlessChromium(Process process, Path profile, Path log) {
    this.process = process;
    this.profile = profile;
    this.log = log;
  }

  /**
   * The browser binary; fails with what to do when there is none (CI installs Debian's {@code
   * chromium} with apt).
   */
  public static Path binary() {
    String env = System.getenv("CHROMIUM");
    Stream<String> names = env == null || env.isBlank() ? CANDIDATES.stream() : Stream.of(env);
    return names.map(Path::of).filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
        "no Chromium to test the report in: install it (`apt-get install chromium`) or set CHROMIUM to its binary"
            + " (looked for " + (env == null || env.isBlank() ? String.join(", ", CANDIDATES) : env) + ")"));
  }

  /** Starts the browser with one blank page, no network services of its own, and attaches to that page. */
  public static HeadlessChromium start(int width, int height) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("cchc-chromium");
    Path log = Files.createTempFile("cchc-chromium", ".log");
    Process p = new ProcessBuilder(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--disable-default-apps", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
        "--mute-audio", "--user-data-dir=" + profile, "--remote-debugging-port=0",
        "--window-size=" + width + "," + height, "about:blank")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    HeadlessChromium browser = new HeadlessChromium(p, profile, log);
    try {
      browser.attach();
    } catch (IOException | InterruptedException | RuntimeException e) {
      browser.close();
      throw e;
    }
    return browser;
  }

  /** Waits for {@code DevToolsActivePort} in the profile and connects to the first page target. */
  private void attach() throws IOException, InterruptedException {
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("Chromium did not open its DevTools port"
            + (process.isAlive() ? " in " + TIMEOUT.toSeconds() + " s" : " (exit " + process.exitValue() + ")")
            + "; its log:\n" + Files.readString(log));
      }
      Thread.sleep(100);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
    HttpClient http = HttpClient.newHttpClient();
    JsonNode targets = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/json/list")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body());
    String page = null;
    for (JsonNode t : targets) {
      if ("page".equals(t.path("type").asText())) {
        page = t.path("webSocketDebuggerUrl").asText();
        break;
      }
    }
    if (page == null) {
      throw new IllegalStateException("Chromium has no page target: " + targets);
    }
    socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(page), new Listener())
        .join();
    for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
      call(domain + ".enable", Map.of());
    }
  }

  /** Puts DevTools messages together (a screenshot comes in many frames) and routes them. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder message = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        try {
          JsonNode m = json.readTree(message.toString());
          if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) {
              f.complete(m);
            }
          } else {
            events.add(m);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          message.setLength(0);
        }
      }
      ws.request(1);
      return null;
    }
  }

  /** Calls a DevTools method on the page and returns its {@code result}; fails on a protocol error. */
  public JsonNode call(String method, Map<String, ?> params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode request = json.createObjectNode().put("id", id).put("method", method);
    request.set("params", json.valueToTree(params));
    socket.sendText(request.toString(), true).join();
    JsonNode m;
    try {
      m = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("no answer from Chromium to " + method + ": " + e, e);
    }
    if (m.has("error")) {
      throw new IllegalStateException(method + " failed: " + m.get("error"));
    }
    return m.path("result");
  }

  /** Loads {@code file} in the page and waits for its load event (scripts of the page have run). */
  public void open(Path file) throws InterruptedException {
    int before = events.size();
    call("Page.navigate", Map.of("url", file.toAbsolutePath().toUri().toString()));
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    // the list's own stream is a snapshot: a subList of it fails when the socket's thread adds an event
    while (events.stream().skip(before)
        .noneMatch(e -> "Page.loadEventFired".equals(e.path("method").asText()))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the page did not load in " + TIMEOUT.toSeconds() + " s: " + file);
      }
      Thread.sleep(50);
    }
  }

  /** The value of a JavaScript expression in the page; fails when it throws. */
  public JsonNode evaluate(String expression) {
    JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("`" + expression + "` threw: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** A PNG of the whole page, {@code width} CSS pixels wide (as tall as the page is). */
  public void screenshot(Path png, int width) throws IOException {
    int height = evaluate("Math.ceil(document.documentElement.scrollHeight)").asInt();
    call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
        "mobile", false));
    JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  /** Errors the page reported: console errors and assertions, uncaught exceptions, error entries of the browser's log. */
  public List<String> errors() {
    List<String> out = new ArrayList<>();
    for (JsonNode e : events) {
      JsonNode p = e.path("params");
      switch (e.path("method").asText()) {
        case "Runtime.consoleAPICalled" -> {
          String type = p.path("type").asText();
          if (type.equals("error") || type.equals("assert")) {
            out.add("console." + type + ": " + p.path("args"));
          }
        }
        case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails"));
        case "Log.entryAdded" -> {
          if ("error".equals(p.path("entry").path("level").asText())) {
            out.add("log: " + p.path("entry"));
          }
        }
        default -> { }
      }
    }
    return out;
  }

  /** Every URL the page requested since it was attached (the document itself included). */
  public List<String> requestedUrls() {
    return events.stream().filter(e -> "Network.requestWillBeSent".equals(e.path("method").asText()))
        .map(e -> e.path("params").path("request").path("url").asText()).toList();
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.abort();
    }
    // the browser's helpers (zygote, network service) write into the profile too: the whole tree goes
    List<ProcessHandle> helpers = process.descendants().toList();
    process.destroy();
    helpers.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      for (ProcessHandle h : helpers) {
        h.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      helpers.forEach(ProcessHandle::destroyForcibly);
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      Files.deleteIfExists(log);
    } catch (IOException | java.io.UncheckedIOException e) {
      // a temporary folder left behind is harmless (a file that vanished during the walk included)
    }
  }

  /** What Chromium printed, for a failing test's message. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
