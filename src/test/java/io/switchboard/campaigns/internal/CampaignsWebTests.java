package io.switchboard.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Campaigns on the sandbox channel: CSV audiences, exclusions, exactly-once claims, opt-out, pacing. */
class CampaignsWebTests extends IntegrationTest {

    @Autowired
    CampaignDispatcher dispatcher;

    private String token;
    private UUID orgId;
    private String channelId;

    @BeforeEach
    void sandbox() {
        var session = signup("Campaign Org");
        token = token(session);
        orgId = UUID.fromString(session.get("organization").get("id").asString());
        channelId = api.post("/api/v1/channels", Map.of("type", "sandbox", "name", "Sandbox"), token)
                .json()
                .get("id")
                .asString();
    }

    private String template(String body) {
        var created = api.post(
                "/api/v1/templates",
                Map.of(
                        "channelId",
                        channelId,
                        "name",
                        "t_" + UUID.randomUUID().toString().substring(0, 8),
                        "language",
                        "en",
                        "category",
                        "marketing",
                        "body",
                        body,
                        "variables",
                        List.of(Map.of("name", "1", "sample", "Ada"), Map.of("name", "2", "sample", "X-1"))),
                token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("local");
        return created.json().get("id").asString();
    }

    private String csvCampaign(String csv, double rate) {
        String templateId = template("Hi {{1}}, your code is {{2}}");
        var created = api.post(
                "/api/v1/campaigns",
                Map.of(
                        "name",
                        "CSV campaign",
                        "templateId",
                        templateId,
                        "audienceType",
                        "csv",
                        "variableSources",
                        Map.of("1", "contact.name", "2", "column.code"),
                        "ratePerSecond",
                        rate),
                token);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.json().get("id").asString();
        var report = api.upload(
                "/api/v1/campaigns/" + id + "/audience-csv",
                "file",
                "audience.csv",
                "text/csv",
                csv.getBytes(StandardCharsets.UTF_8),
                token);
        assertThat(report.status()).as(report.raw()).isEqualTo(200);
        return id;
    }

    private static String rows(int n, int offset) {
        StringBuilder csv = new StringBuilder("phone,name,code\n");
        for (int i = 0; i < n; i++)
            csv.append("+1415555")
                    .append(String.format("%04d", 100 + offset + i))
                    .append(",Person ")
                    .append(offset + i)
                    .append(",C-")
                    .append(offset + i)
                    .append('\n');
        return csv.toString();
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> api.get("/api/v1/campaigns/" + id, token).json(),
                        c -> c.get("status").asString().equals(status));
    }

    @Test
    void csvCampaignRendersEachContactsVariablesAndCountsWhatItLeavesOut() {
        // an existing contact who opted out is matched by phone and left out, counted
        var optedOut = api.post("/api/v1/contacts", Map.of("name", "Quiet", "phone", "+14155550199"), token)
                .json()
                .get("id")
                .asString();
        api.patch("/api/v1/contacts/" + optedOut, Map.of("optedOut", true), token);
        String csv = rows(4, 0) + "not-a-phone,Broken,C-9\n+14155550199,Quiet,C-10\n,No phone,C-11\n";
        String id = csvCampaign(csv, 20);
        var again = api.upload(
                        "/api/v1/campaigns/" + id + "/audience-csv",
                        "file",
                        "audience.csv",
                        "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8),
                        token)
                .json();
        assertThat(again.get("rows").asLong()).isEqualTo(7);
        assertThat(again.get("accepted").asLong()).isEqualTo(5);
        assertThat(again.get("failed").asLong()).isEqualTo(2);
        assertThat(again.get("problems").get(0).get("line").asLong()).isEqualTo(6);
        assertThat(again.get("problems").get(0).get("field").asString()).isEqualTo("phone");
        assertThat(again.get("problems").get(1).get("line").asLong()).isEqualTo(8);

        var audience = api.get("/api/v1/campaigns/" + id + "/audience", token).json();
        assertThat(audience.get("matching").asLong()).isEqualTo(5);
        assertThat(audience.get("eligible").asLong()).isEqualTo(4);
        assertThat(audience.get("optedOut").asLong()).isEqualTo(1);

        var scheduled = api.post("/api/v1/campaigns/" + id + "/schedule", Map.of(), token);
        assertThat(scheduled.status()).as(scheduled.raw()).isEqualTo(200);
        var done = awaitStatus(id, "completed");
        assertThat(done.get("excludedOptedOut").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var p = api.get("/api/v1/campaigns/" + id, token).json().get("progress");
            assertThat(p.get("total").asLong()).isEqualTo(4);
            assertThat(p.get("delivered").asLong()).isEqualTo(4);
            assertThat(p.get("pending").asLong()).isZero();
            assertThat(p.get("percentDone").asDouble()).isEqualTo(100.0);
        });
        var texts = ownerDb()
                .fetch(
                        "select m.content->>'body' from messages m join campaign_recipients r on r.message_id = m.id where r.campaign_id = ?::uuid order by 1",
                        id)
                .getValues(0, String.class);
        assertThat(texts)
                .containsExactly(
                        "Hi Person 0, your code is C-0",
                        "Hi Person 1, your code is C-1",
                        "Hi Person 2, your code is C-2",
                        "Hi Person 3, your code is C-3");

        // the results as CSV: one row per recipient, delivered, with the contact's phone
        var results = api.get("/api/v1/campaigns/" + id + "/results", token);
        assertThat(results.status()).as(results.raw()).isEqualTo(200);
        assertThat(results.headers().get("content-type").getFirst()).startsWith("text/csv");
        var lines = results.raw().strip().lines().toList();
        assertThat(lines.getFirst()).startsWith("contact_id,name,phone,status,delivery_state");
        assertThat(lines).hasSize(5);
        assertThat(lines.stream().skip(1)).allMatch(line -> line.contains(",queued,delivered,"));
        assertThat(api.get("/api/v1/campaigns/" + id + "/results", token(signup("Nosy Co")))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void claimsNeverDoubleSendWhenFanOutRunsTwiceAndTheWorkerIsStoppedAndRestarted() throws Exception {
        int n = 40;
        String id = csvCampaign(rows(n, 300), 40);
        // a second node: its own dispatcher over the same database, racing this node's
        var secondNode = new CampaignDispatcher(
                db,
                beans.getBean(io.switchboard.shared.db.ScopedTransactions.class),
                beans.getBean(tools.jackson.databind.json.JsonMapper.class),
                beans.getBean(CampaignService.class),
                beans.getBean(TemplateService.class),
                beans.getBean(io.switchboard.contacts.ContactAudiences.class),
                beans.getBean(io.switchboard.conversations.Conversations.class),
                beans.getBean(io.switchboard.channels.ChannelDirectory.class),
                beans.getBean(io.switchboard.shared.ratelimit.RateLimiter.class),
                beans);
        secondNode.start();
        try {
            api.post("/api/v1/campaigns/" + id + "/schedule", Map.of(), token);
            // the fan-out twice more, concurrently with both dispatchers' own
            try (var pool = Executors.newFixedThreadPool(2)) {
                List<Future<Long>> runs = new ArrayList<>();
                for (int i = 0; i < 2; i++) runs.add(pool.submit(() -> dispatcher.fanOut(orgId, UUID.fromString(id))));
                for (var run : runs) run.get();
            }
            // this node's worker stops mid-campaign and comes back
            await().atMost(Duration.ofSeconds(30)).until(() -> queued(id) >= 5);
            dispatcher.stop();
            long queuedWhileStopped = queued(id);
            dispatcher.start();
            assertThat(queuedWhileStopped).isLessThan(n);
            awaitStatus(id, "completed");
        } finally {
            secondNode.stop();
        }
        assertThat(ownerDb().fetchValue("select count(*) from campaign_recipients where campaign_id = ?::uuid", id))
                .isEqualTo((long) n);
        // exactly one outbound message per contact of the campaign, in the inbox and in the channel's queue
        var perContact = ownerDb().fetch("""
                select r.contact_id, count(m.id), count(o.id) from campaign_recipients r
                  join conversations c on c.contact_id = r.contact_id and c.org_id = r.org_id
                  join messages m on m.conversation_id = c.id and m.direction = 'outbound'
                  left join outbound_messages o on o.message_id = m.id
                 where r.campaign_id = ?::uuid group by r.contact_id""", id);
        assertThat(perContact).hasSize(n);
        perContact.forEach(r -> {
            assertThat(r.get(1, Long.class)).isEqualTo(1L);
            assertThat(r.get(2, Long.class)).isEqualTo(1L);
        });
    }

    @Autowired
    org.springframework.context.ApplicationContext beans;

    private long queued(String id) {
        return ((Number) ownerDb()
                        .fetchValue(
                                "select count(*) from campaign_recipients where campaign_id = ?::uuid and status = 'queued'",
                                id))
                .longValue();
    }

    @Test
    void stopMidCampaignOptsTheContactOutAndTheirMessageIsNeverSent() {
        String id = csvCampaign(rows(8, 500), 2);
        api.post("/api/v1/campaigns/" + id + "/schedule", Map.of(), token);
        await().atMost(Duration.ofSeconds(20)).until(() -> queued(id) >= 1);
        // the last contact in line writes STOP before their turn
        var last = ownerDb().fetchOne("""
                select r.contact_id, c.phone from campaign_recipients r join contacts c on c.id = r.contact_id
                 where r.campaign_id = ?::uuid order by r.id desc limit 1""", id);
        String phone = last.get(1, String.class);
        var stop = api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages", Map.of("from", phone, "text", "Stop."), token);
        assertThat(stop.status()).as(stop.raw()).isIn(200, 202);
        var done = awaitStatus(id, "completed");
        var p = done.get("progress");
        assertThat(p.get("skipped").asLong()).isEqualTo(1);
        assertThat(p.get("optedOut").asLong()).isEqualTo(1);
        assertThat(ownerDb()
                        .fetchValue(
                                "select status from campaign_recipients where campaign_id = ?::uuid and contact_id = ?::uuid",
                                id,
                                last.get(0, UUID.class).toString()))
                .isEqualTo("skipped");
        assertThat(api.get("/api/v1/contacts/" + last.get(0, UUID.class), token)
                        .json()
                        .get("optedOut")
                        .asBoolean())
                .isTrue();
        assertThat(ownerDb().fetchValue("""
                select count(*) from messages m join conversations c on c.id = m.conversation_id
                 where c.contact_id = ?::uuid and m.direction = 'outbound'""", last.get(0, UUID.class))).isEqualTo(0L);
    }

    @Test
    void aReplyIsLinkedToTheCampaignAndNotedInTheInbox() {
        String id = csvCampaign(rows(2, 600), 10);
        api.post("/api/v1/campaigns/" + id + "/schedule", Map.of(), token);
        awaitStatus(id, "completed");
        String phone = ownerDb().fetchValue("""
                select c.phone from campaign_recipients r join contacts c on c.id = r.contact_id
                 where r.campaign_id = ?::uuid order by r.id limit 1""", id).toString();
        api.post(
                "/api/v1/channels/" + channelId + "/sandbox/messages",
                Map.of("from", phone, "text", "Thanks, see you there"),
                token);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var p = api.get("/api/v1/campaigns/" + id, token).json().get("progress");
            assertThat(p.get("replied").asLong()).isEqualTo(1);
            assertThat(p.get("optedOut").asLong()).isZero();
        });
        String conversationId = ownerDb()
                .fetchValue(
                        "select conversation_id from campaign_recipients where campaign_id = ?::uuid and replied_at is not null",
                        id)
                .toString();
        assertThat(api.get("/api/v1/conversations/" + conversationId + "/messages", token)
                        .raw())
                .contains("Reply to campaign \\\"CSV campaign\\\"");
    }

    @Test
    void sendsNeverExceedTheCampaignRateInAnySecond() {
        double rate = 2;
        String id = csvCampaign(rows(9, 700), rate);
        api.post("/api/v1/campaigns/" + id + "/schedule", Map.of(), token);
        awaitStatus(id, "completed");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ownerDb().fetchValue("""
                select count(*) from outbound_messages o join campaign_recipients r on r.message_id = o.message_id
                 where r.campaign_id = ?::uuid and o.sent_at is not null""", id).equals(9L));
        List<Instant> sent = ownerDb()
                .fetch("""
                select o.sent_at from outbound_messages o join campaign_recipients r on r.message_id = o.message_id
                 where r.campaign_id = ?::uuid order by o.sent_at""", id)
                .map(r -> r.get(0, java.time.OffsetDateTime.class).toInstant());
        List<Instant> queued = ownerDb()
                .fetch("select queued_at from campaign_recipients where campaign_id = ?::uuid order by queued_at", id)
                .map(r -> r.get(0, java.time.OffsetDateTime.class).toInstant());
        // released by the campaign's pacer (the permit times themselves): never above the rate in any second
        assertThat(maxIn(queued, 1000)).as("released per second").isLessThanOrEqualTo((int) rate);
        // handed to the provider (recorded after the call and a database write: 100 ms of jitter allowed)
        assertThat(maxIn(sent, 900)).as("provider sends per second").isLessThanOrEqualTo((int) rate);
    }

    /** The most events in any window of {@code millis} starting at an event. */
    static int maxIn(List<Instant> times, long millis) {
        int max = 0;
        for (int i = 0; i < times.size(); i++) {
            int count = 0;
            for (int j = i;
                    j < times.size() && times.get(j).isBefore(times.get(i).plusMillis(millis));
                    j++) {
                count++;
            }
            max = Math.max(max, count);
        }
        return max;
    }

    @Test
    void pauseResumeAndCancelControlWhatIsStillToSend() {
        String id = csvCampaign(rows(10, 900), 1);
        api.post("/api/v1/campaigns/" + id + "/schedule", Map.of(), token);
        await().atMost(Duration.ofSeconds(20)).until(() -> queued(id) >= 1);
        assertThat(api.post("/api/v1/campaigns/" + id + "/pause", Map.of(), token)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("paused");
        long atPause = queued(id);
        var resumed =
                api.post("/api/v1/campaigns/" + id + "/resume", Map.of(), token).json();
        assertThat(resumed.get("status").asString()).isEqualTo("running");
        assertThat(resumed.get("progress").get("etaSeconds").asLong()).isPositive();
        var cancelled = api.post("/api/v1/campaigns/" + id + "/cancel", Map.of(), token);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
        assertThat(queued(id)).isLessThan(10).isGreaterThanOrEqualTo(atPause);
        assertThat(cancelled.json().get("progress").get("pending").asLong()).isZero();
        var again = api.post("/api/v1/campaigns/" + id + "/resume", Map.of(), token);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void filterAudiencePreviewCountsExclusionsAndBadInputIsAProblem() {
        String tag = "t" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++)
            api.post(
                    "/api/v1/contacts",
                    Map.of("name", "C" + i, "phone", "+1415555012" + i, "tags", List.of(tag)),
                    token);
        var out = api.post(
                        "/api/v1/contacts", Map.of("name", "Out", "phone", "+14155550130", "tags", List.of(tag)), token)
                .json()
                .get("id")
                .asString();
        api.patch("/api/v1/contacts/" + out, Map.of("optedOut", true), token);
        var revoked = api.post(
                        "/api/v1/contacts",
                        Map.of("name", "Revoked", "phone", "+14155550131", "tags", List.of(tag)),
                        token)
                .json()
                .get("id")
                .asString();
        api.patch("/api/v1/contacts/" + revoked, Map.of("consent", "revoked"), token);
        var preview = api.post(
                        "/api/v1/campaigns/audience-preview",
                        Map.of("channelId", channelId, "audience", Map.of("tags", List.of(tag))),
                        token)
                .json();
        assertThat(preview.get("matching").asLong()).isEqualTo(5);
        assertThat(preview.get("eligible").asLong()).isEqualTo(3);
        assertThat(preview.get("optedOut").asLong()).isEqualTo(1);
        assertThat(preview.get("noConsent").asLong()).isEqualTo(1);
        var strict = api.post(
                        "/api/v1/campaigns/audience-preview",
                        Map.of(
                                "channelId",
                                channelId,
                                "audience",
                                Map.of("tags", List.of(tag)),
                                "requireConsent",
                                true),
                        token)
                .json();
        assertThat(strict.get("eligible").asLong()).isZero();

        String templateId = template("Hi {{1}} {{2}}");
        var missing = api.post(
                "/api/v1/campaigns",
                Map.of("name", "x", "templateId", templateId, "variableSources", Map.of("1", "contact.name")),
                token);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.raw()).contains("variableSources.2");
        var tooFast = api.post(
                "/api/v1/campaigns",
                Map.of(
                        "name",
                        "x",
                        "templateId",
                        templateId,
                        "ratePerSecond",
                        500,
                        "variableSources",
                        Map.of("1", "contact.name", "2", "text:y")),
                token);
        assertThat(tooFast.status()).isEqualTo(400);
        assertThat(tooFast.raw()).contains("ratePerSecond");
        var badTemplate = api.post(
                "/api/v1/templates",
                Map.of(
                        "channelId",
                        channelId,
                        "name",
                        "bad",
                        "language",
                        "en",
                        "category",
                        "marketing",
                        "body",
                        "Hi {{1}} and {{3}}",
                        "variables",
                        List.of()),
                token);
        assertThat(badTemplate.status()).isEqualTo(400);
        assertThat(badTemplate.raw()).contains("{{1}}, {{2}}");
        var preview2 = api.post(
                        "/api/v1/templates/" + templateId + "/preview", Map.of("values", Map.of("1", "Grace")), token)
                .json();
        assertThat(preview2.get("body").asString()).isEqualTo("Hi Grace X-1");
    }
}
