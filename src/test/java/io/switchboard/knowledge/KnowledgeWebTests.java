package io.switchboard.knowledge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.support.ApiClient;
import io.switchboard.support.ProviderFakesTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Knowledge bases end to end over HTTP: uploads of every format processed in the background,
 * hybrid search with citations, tenant isolation, bad input, the SSRF guard, rebuilding a lost
 * index, and a sitemap crawl against a fake web site that honours robots.txt.
 */
class KnowledgeWebTests extends ProviderFakesTest {

    @Autowired
    private SwitchboardProperties properties;

    @Autowired
    private KnowledgeSearch knowledgeSearch;

    private String createKnowledgeBase(String token, String name) {
        var created = api.post(
                "/api/v1/knowledge-bases", Map.of("name", name, "description", "Answers for customers"), token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private String upload(String token, String kbId, String filename, String type, byte[] content) {
        var uploaded =
                api.upload("/api/v1/knowledge-bases/" + kbId + "/documents", "file", filename, type, content, token);
        assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(202);
        assertThat(uploaded.json().get("status").asString()).isIn("queued", "processing");
        return uploaded.json().get("id").asString();
    }

    private JsonNode awaitDocument(String token, String kbId, String documentId, String status) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> api.get("/api/v1/knowledge-bases/" + kbId + "/documents/" + documentId, token)
                                .json(),
                        d -> status.equals(d.get("status").asString()));
    }

    private JsonNode search(String token, String kbId, String query, String mode) {
        var response = api.get(
                "/api/v1/knowledge-bases/" + kbId + "/search?k=5&mode=" + mode + "&q="
                        + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8),
                token);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json().get("hits");
    }

    static byte[] pdf() throws IOException {
        try (var document = new PDDocument();
                var out = new ByteArrayOutputStream()) {
            String[][] pages = {
                {"Shipping", "Orders leave our warehouse within two working days.", "Tracking links arrive by email."},
                {
                    "Warranty",
                    "The warranty covers water damage for twenty-four months.",
                    "Claims need the original receipt and a photo of the device."
                }
            };
            for (String[] lines : pages) {
                var page = new PDPage();
                document.addPage(page);
                try (var content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.setLeading(16);
                    content.newLineAtOffset(72, 700);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLine();
                        content.newLine();
                    }
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    static byte[] docx() throws IOException {
        try (var document = new XWPFDocument();
                var out = new ByteArrayOutputStream()) {
            var styles = document.createStyles();
            var heading = org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle.Factory.newInstance();
            heading.setStyleId("Heading1");
            heading.addNewName().setVal("heading 1");
            styles.addStyle(new org.apache.poi.xwpf.usermodel.XWPFStyle(heading));
            String[][] sections = {
                {"Returns", "Unused items can be returned within thirty days together with the receipt."},
                {"Gift cards", "Gift cards never expire and can be used in every shop."}
            };
            for (String[] section : sections) {
                var title = document.createParagraph();
                title.setStyle("Heading1");
                title.createRun().setText(section[0]);
                document.createParagraph().createRun().setText(section[1]);
            }
            document.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void pdfDocxAndFaqAreProcessedAndSearchCitesTheRightChunk() throws IOException {
        String token = token(signup("Knowledge Org"));
        String kbId = createKnowledgeBase(token, "Help centre");

        String pdfId = upload(token, kbId, "policies.pdf", "application/pdf", pdf());
        String docxId = upload(
                token,
                kbId,
                "returns.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                docx());
        String faqId = upload(
                token,
                kbId,
                "faq.csv",
                "text/csv",
                "question,answer\n\"Do you deliver on Sundays?\",\"No, deliveries run from Monday to Saturday.\"\n\"Can I pay by invoice?\",\"Yes, businesses can pay by invoice within 30 days.\"\n"
                        .getBytes(StandardCharsets.UTF_8));

        var pdf = awaitDocument(token, kbId, pdfId, "ready");
        assertThat(pdf.get("progress").asInt()).isEqualTo(100);
        assertThat(pdf.get("chunkCount").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(awaitDocument(token, kbId, docxId, "ready").get("chunkCount").asInt())
                .isGreaterThanOrEqualTo(2);
        assertThat(awaitDocument(token, kbId, faqId, "ready").get("chunkCount").asInt())
                .isEqualTo(2);

        var warranty = search(token, kbId, "How long does the warranty cover water damage?", "hybrid")
                .get(0);
        assertThat(warranty.get("rank").asInt()).isEqualTo(1);
        assertThat(warranty.get("documentId").asString()).isEqualTo(pdfId);
        assertThat(warranty.get("documentTitle").asString()).isEqualTo("policies.pdf");
        assertThat(warranty.get("section").asString()).isEqualTo("Page 2");
        assertThat(warranty.get("text").asString()).contains("water damage for twenty-four months");
        assertThat(warranty.get("lexicalRank").asInt()).isEqualTo(1);
        assertThat(warranty.get("vectorRank").asInt()).isEqualTo(1);

        var returns = search(token, kbId, "return unused items with receipt", "hybrid")
                .get(0);
        assertThat(returns.get("documentId").asString()).isEqualTo(docxId);
        assertThat(returns.get("section").asString()).isEqualTo("Returns");
        assertThat(returns.get("context").asString()).contains("within thirty days");

        var sunday = search(token, kbId, "Sunday delivery", "dense").get(0);
        assertThat(sunday.get("documentId").asString()).isEqualTo(faqId);
        assertThat(sunday.get("section").asString()).isEqualTo("Do you deliver on Sundays?");
        assertThat(sunday.get("lexicalRank").isNull()).isTrue();

        var invoice = search(token, kbId, "invoice", "bm25");
        assertThat(invoice.get(0).get("documentId").asString()).isEqualTo(faqId);
        assertThat(invoice.get(0).get("vectorRank").isNull()).isTrue();

        var listed = api.get("/api/v1/knowledge-bases/" + kbId + "/documents?size=2", token)
                .json();
        assertThat(listed.get("totalItems").asInt()).isEqualTo(3);
        assertThat(listed.get("items")).hasSize(2);
        var kb = api.get("/api/v1/knowledge-bases/" + kbId, token).json();
        assertThat(kb.get("readyCount").asInt()).isEqualTo(3);

        // a deleted document leaves search at once
        assertThat(api.delete("/api/v1/knowledge-bases/" + kbId + "/documents/" + faqId, token)
                        .status())
                .isEqualTo(204);
        assertThat(search(token, kbId, "Sunday delivery", "hybrid").findValuesAsString("documentId"))
                .doesNotContain(faqId);
    }

    @Test
    void anotherOrganisationsKnowledgeIsInvisible() {
        String tokenA = token(signup("Knowledge A"));
        var sessionB = signup("Knowledge B");
        String tokenB = token(sessionB);
        String kbA = createKnowledgeBase(tokenA, "A's secrets");
        String docA = upload(
                tokenA,
                kbA,
                "secret.md",
                "text/markdown",
                "# Launch\n\nThe zebra project launches on the ninth of March.".getBytes(StandardCharsets.UTF_8));
        awaitDocument(tokenA, kbA, docA, "ready");
        String kbB = createKnowledgeBase(tokenB, "B's own");
        String docB = upload(
                tokenB, kbB, "b.txt", "text/plain", "Our office opens at nine.".getBytes(StandardCharsets.UTF_8));
        awaitDocument(tokenB, kbB, docB, "ready");

        assertThat(api.get("/api/v1/knowledge-bases/" + kbA, tokenB).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/knowledge-bases/" + kbA + "/search?q=zebra", tokenB)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/knowledge-bases/" + kbA + "/documents/" + docA, tokenB)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/knowledge-bases?size=100", tokenB).raw()).doesNotContain(kbA);
        var hitsB = search(tokenB, kbB, "zebra project launch", "hybrid");
        assertThat(hitsB.toString()).doesNotContain("zebra", docA);
        // even asked for A's knowledge base by id, B's organisation has nothing of A's in its index
        UUID orgB = UUID.fromString(sessionB.get("organization").get("id").asString());
        assertThat(knowledgeSearch.search(orgB, List.of(UUID.fromString(kbA)), "zebra project", 5))
                .isEmpty();
        assertThat(knowledgeSearch.exists(orgB, UUID.fromString(kbA))).isFalse();
    }

    @Test
    void badFilesGetProblemDetailsOrAFailedStatusNeverA500() {
        String token = token(signup("Bad Files"));
        String kbId = createKnowledgeBase(token, "Files");
        String path = "/api/v1/knowledge-bases/" + kbId + "/documents";

        var empty = api.upload(path, "file", "empty.txt", "text/plain", new byte[0], token);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("errors").get(0).get("field").asString()).isEqualTo("file");
        assertThat(empty.json().get("detail").asString()).contains("empty");

        var exe = api.upload(path, "file", "setup.exe", "application/octet-stream", new byte[] {1, 2, 3}, token);
        assertThat(exe.status()).isEqualTo(400);
        assertThat(exe.json().get("detail").asString()).contains("unsupported type", ".pdf");

        var fakePdf = api.upload(path, "file", "fake.pdf", "application/pdf", "hello".getBytes(), token);
        assertThat(fakePdf.status()).isEqualTo(400);
        assertThat(fakePdf.json().get("detail").asString()).contains("not a valid PDF");

        var noFile = api.post(path, Map.of(), token);
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.json().get("errors").get(0).get("field").asString()).isEqualTo("file");

        byte[] huge = new byte[10 * 1024 * 1024 + 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        var tooLarge = api.upload(path, "file", "huge.txt", "text/plain", huge, token);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).contains("application/problem+json");

        String corruptId =
                upload(token, kbId, "broken.pdf", "application/pdf", "%PDF-1.7\nthis is no PDF at all".getBytes());
        var corrupt = awaitDocument(token, kbId, corruptId, "failed");
        assertThat(corrupt.get("error").asString()).contains("PDF could not be read");
        assertThat(corrupt.get("chunkCount").asInt()).isZero();

        var missingQuery = api.get("/api/v1/knowledge-bases/" + kbId + "/search", token);
        assertThat(missingQuery.status()).isEqualTo(400);
        assertThat(missingQuery.json().get("errors").get(0).get("field").asString())
                .isEqualTo("q");
        var badMode = api.get("/api/v1/knowledge-bases/" + kbId + "/search?q=x&mode=magic", token);
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.json().get("errors").get(0).get("field").asString()).isEqualTo("mode");
    }

    @Test
    void privateAndLoopbackUrlsAreRefused() {
        String token = token(signup("SSRF"));
        String kbId = createKnowledgeBase(token, "Web");
        for (String url : List.of(
                "http://127.0.0.1:" + PROVIDERS.port() + "/page.html",
                "http://localhost:1/",
                "http://10.1.2.3/intranet",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/",
                "file:///etc/passwd")) {
            var refused =
                    api.post("/api/v1/knowledge-bases/" + kbId + "/sources", Map.of("url", url, "kind", "page"), token);
            assertThat(refused.status()).as(url + ": " + refused.raw()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("url");
        }
        assertThat(api.get("/api/v1/knowledge-bases/" + kbId + "/sources", token)
                        .json()
                        .get("totalItems")
                        .asInt())
                .isZero();
    }

    @Test
    void reindexRebuildsAnIndexWhoseDirectoryWasDeleted() throws IOException {
        var session = signup("Reindex");
        String token = token(session);
        String orgId = session.get("organization").get("id").asString();
        String kbId = createKnowledgeBase(token, "Manuals");
        String docId = upload(
                token,
                kbId,
                "manual.md",
                "text/markdown",
                "# Reset\n\nHold the power button for ten seconds to reset the router."
                        .getBytes(StandardCharsets.UTF_8));
        awaitDocument(token, kbId, docId, "ready");
        assertThat(search(token, kbId, "reset the router", "bm25")).hasSize(1);

        Path indexDir = properties.dataDir().resolve("index").resolve(orgId);
        assertThat(indexDir).isDirectory();
        try (Stream<Path> files = Files.walk(indexDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(indexDir).doesNotExist();

        var requested = api.post("/api/v1/knowledge-bases/" + kbId + "/reindex", Map.of(), token);
        assertThat(requested.status()).as(requested.raw()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var kb = api.get("/api/v1/knowledge-bases/" + kbId, token).json();
            assertThat(kb.get("reindex").get("status").asString()).isEqualTo("idle");
            assertThat(kb.get("reindex").get("finishedAt").isNull()).isFalse();
            assertThat(search(token, kbId, "reset the router", "bm25")).hasSize(1);
        });
        assertThat(indexDir).isDirectory();
        var hit = search(token, kbId, "how do I reset the router", "hybrid").get(0);
        assertThat(hit.get("documentId").asString()).isEqualTo(docId);
        assertThat(hit.get("vectorRank").asInt()).isEqualTo(1);
    }

    @Test
    void aSitemapIsCrawledHonouringRobotsTxtAndResynced() {
        String token = token(signup("Crawl"));
        String kbId = createKnowledgeBase(token, "Web site");
        String base = "http://localhost:" + PROVIDERS.port();
        String site = "/kb-site-" + UUID.randomUUID().toString().substring(0, 8);
        PROVIDERS.stubFor(get(urlEqualTo("/robots.txt"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "text/plain")
                        .withBody("User-agent: *\nDisallow: /kb-private/\n")));
        PROVIDERS.stubFor(get(urlEqualTo(site + "/sitemap.xml"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/xml")
                        .withBody("""
                                <?xml version="1.0" encoding="UTF-8"?>
                                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                                  <url><loc>%1$s%2$s/opening-hours.html</loc></url>
                                  <url><loc>%1$s%2$s/parking.html</loc></url>
                                  <url><loc>%1$s/kb-private/salaries.html</loc></url>
                                </urlset>""".formatted(base, site))));
        PROVIDERS.stubFor(
                get(urlEqualTo(site + "/opening-hours.html"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html; charset=utf-8")
                                        .withBody(
                                                "<html><head><title>Opening hours</title></head><body><h1>Opening hours</h1><p>The museum is open from ten to six, closed on Mondays.</p></body></html>")));
        PROVIDERS.stubFor(
                get(urlEqualTo(site + "/parking.html"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody(
                                                "<html><head><title>Parking</title></head><body><h1>Parking</h1><p>Visitors park for free behind the east wing.</p></body></html>")));
        PROVIDERS.stubFor(get(urlEqualTo("/kb-private/salaries.html"))
                .willReturn(aResponse().withBody("<p>Salaries of everyone.</p>")));

        var source = api.post(
                "/api/v1/knowledge-bases/" + kbId + "/sources",
                Map.of("url", base + site + "/sitemap.xml", "kind", "sitemap"),
                token);
        assertThat(source.status()).as(source.raw()).isEqualTo(202);
        String sourceId = source.json().get("id").asString();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var synced = api.get("/api/v1/knowledge-bases/" + kbId + "/sources", token)
                    .json()
                    .get("items")
                    .get(0);
            assertThat(synced.get("status").asString()).isEqualTo("synced");
            assertThat(synced.get("pagesFound").asInt()).isEqualTo(3);
            assertThat(synced.get("pagesSkipped").asInt()).isEqualTo(1);
            var documents = api.get("/api/v1/knowledge-bases/" + kbId + "/documents", token)
                    .json()
                    .get("items");
            assertThat(StreamSupport.stream(documents.spliterator(), false)
                            .map(d -> d.get("status").asString())
                            .sorted()
                            .toList())
                    .containsExactly("failed", "ready", "ready");
        });
        var documents = api.get("/api/v1/knowledge-bases/" + kbId + "/documents", token)
                .json()
                .get("items");
        var blocked = StreamSupport.stream(documents.spliterator(), false)
                .filter(d -> d.get("status").asString().equals("failed"))
                .findFirst()
                .orElseThrow();
        assertThat(blocked.get("sourceUrl").asString()).endsWith("/kb-private/salaries.html");
        assertThat(blocked.get("error").asString()).contains("robots.txt");
        PROVIDERS.verify(0, getRequestedFor(urlEqualTo("/kb-private/salaries.html")));

        var hit = search(token, kbId, "where can visitors park", "hybrid").get(0);
        assertThat(hit.get("documentTitle").asString()).isEqualTo("Parking");
        assertThat(hit.get("sourceUrl").asString()).isEqualTo(base + site + "/parking.html");
        assertThat(hit.get("section").asString()).isEqualTo("Parking");

        // the page changes; a re-sync picks it up
        PROVIDERS.stubFor(
                get(urlEqualTo(site + "/parking.html"))
                        .willReturn(
                                aResponse()
                                        .withHeader("Content-Type", "text/html")
                                        .withBody(
                                                "<html><head><title>Parking</title></head><body><h1>Parking</h1><p>Parking moved to the garage under the north square.</p></body></html>")));
        assertThat(api.post("/api/v1/knowledge-bases/" + kbId + "/sources/" + sourceId + "/sync", Map.of(), token)
                        .status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var moved = search(token, kbId, "garage north square", "bm25");
            assertThat(moved).isNotEmpty();
            assertThat(moved.get(0).get("text").asString()).contains("garage under the north square");
        });
    }

    @SuppressWarnings("unused")
    private static ApiClient unused(ApiClient client) {
        return client;
    }
}
