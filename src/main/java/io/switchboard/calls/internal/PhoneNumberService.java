package io.switchboard.calls.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PhoneNumbers;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Outbound caller ids: Twilio numbers listed, bought and released through the Twilio SDK (when
 * TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set), at most one per agent. A call placed for an
 * agent dials from its number.
 */
@Service
class PhoneNumberService {

    static final Table<?> T = table(name("call_phone_numbers"));
    static final Field<UUID> ID = field(name("call_phone_numbers", "id"), SQLDataType.UUID);
    static final Field<UUID> ORG_ID = field(name("call_phone_numbers", "org_id"), SQLDataType.UUID);
    static final Field<String> PHONE = field(name("call_phone_numbers", "phone_number"), SQLDataType.CLOB);
    static final Field<String> SID = field(name("call_phone_numbers", "twilio_sid"), SQLDataType.CLOB);
    static final Field<UUID> AGENT_ID = field(name("call_phone_numbers", "agent_id"), SQLDataType.UUID);
    static final Field<Instant> CREATED_AT = field(name("call_phone_numbers", "created_at"), SQLDataType.INSTANT);

    record OwnedNumber(
            UUID id,
            String phoneNumber,
            @Nullable String twilioSid,
            @Nullable UUID agentId,
            Instant createdAt) {}

    record AvailableNumber(
            String phoneNumber,
            @Nullable String locality,
            @Nullable String region) {}

    private final ScopedTransactions tx;
    private final DSLContext db;
    private final CallProperties properties;
    private final @Nullable TwilioRestClient twilio;

    @SuppressWarnings("deprecation") // the SDK's client takes no ConnectionConfig, where connect timeouts moved
    PhoneNumberService(
            ScopedTransactions tx,
            DSLContext db,
            CallProperties properties,
            @Value("${switchboard.providers.twilio-base-url:https://api.twilio.com}") String twilioBaseUrl) {
        this.tx = tx;
        this.db = db;
        this.properties = properties;
        if (properties.twilioEnabled()) {
            var shared = new NetworkHttpClient(
                    RequestConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(5))
                            .setResponseTimeout(Timeout.ofSeconds(15))
                            .build(),
                    SocketConfig.custom().setSoTimeout(Timeout.ofSeconds(15)).build());
            String base = twilioBaseUrl.replaceAll("/+$", "");
            this.twilio = new TwilioRestClient.Builder(properties.twilioAccountSid(), properties.twilioAuthToken())
                    .httpClient(new io.switchboard.shared.twilio.RebasedHttpClient(
                            shared, base.equals("https://api.twilio.com") ? "" : base))
                    .build();
        } else {
            this.twilio = null;
        }
    }

    boolean configured() {
        return twilio != null;
    }

    private TwilioRestClient twilio() {
        if (twilio == null) {
            throw ApiProblem.conflict(
                    "twilio-not-configured", "Twilio is not configured: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN");
        }
        return twilio;
    }

    List<OwnedNumber> list(UUID orgId) {
        return tx.inOrg(
                orgId,
                () -> db.select(ID, PHONE, SID, AGENT_ID, CREATED_AT)
                        .from(T)
                        .where(ORG_ID.eq(orgId))
                        .orderBy(CREATED_AT)
                        .fetch(r -> new OwnedNumber(
                                r.get(ID), r.get(PHONE), r.get(SID), r.get(AGENT_ID), r.get(CREATED_AT))));
    }

    List<AvailableNumber> available(String country, @Nullable Integer areaCode) {
        if (!country.matches("[A-Za-z]{2}"))
            throw ApiProblem.invalidField("country", "must be an ISO 3166 two-letter code");
        var reader = Local.reader(country.toUpperCase(java.util.Locale.ROOT)).setVoiceEnabled(true);
        if (areaCode != null) reader.setAreaCode(areaCode);
        reader.pageSize(20);
        try {
            var out = new ArrayList<AvailableNumber>();
            for (Local l : reader.firstPage(twilio()).getRecords()) {
                out.add(new AvailableNumber(l.getPhoneNumber().toString(), l.getLocality(), l.getRegion()));
            }
            return out;
        } catch (ApiException e) {
            throw providerProblem(e);
        }
    }

    OwnedNumber buy(UUID orgId, String rawNumber, @Nullable UUID agentId) {
        String number = PhoneNumbers.international("phoneNumber", rawNumber);
        var client = twilio();
        if (agentId != null) requireAgentFree(orgId, agentId, null);
        IncomingPhoneNumber bought;
        try {
            bought = IncomingPhoneNumber.creator(new com.twilio.type.PhoneNumber(number))
                    .create(client);
        } catch (ApiException e) {
            throw providerProblem(e);
        }
        UUID id = UUID.randomUUID();
        tx.inOrg(
                orgId,
                () -> db.insertInto(T)
                        .set(ID, id)
                        .set(ORG_ID, orgId)
                        .set(PHONE, number)
                        .set(SID, bought.getSid())
                        .set(AGENT_ID, agentId)
                        .execute());
        return find(orgId, id).orElseThrow();
    }

    void release(UUID orgId, UUID id) {
        OwnedNumber owned = find(orgId, id).orElseThrow(() -> ApiProblem.notFound("Phone number " + id));
        if (owned.twilioSid() != null) {
            try {
                IncomingPhoneNumber.deleter(owned.twilioSid()).delete(twilio());
            } catch (ApiException e) {
                if (e.getStatusCode() == null || e.getStatusCode() != 404) throw providerProblem(e);
            }
        }
        tx.inOrg(
                orgId,
                () -> db.deleteFrom(T).where(ORG_ID.eq(orgId).and(ID.eq(id))).execute());
    }

    OwnedNumber assign(UUID orgId, UUID id, @Nullable UUID agentId) {
        find(orgId, id).orElseThrow(() -> ApiProblem.notFound("Phone number " + id));
        if (agentId != null) requireAgentFree(orgId, agentId, id);
        var changes = new java.util.HashMap<Field<?>, Object>();
        changes.put(AGENT_ID, agentId);
        tx.inOrg(
                orgId,
                () -> db.update(T)
                        .set(changes)
                        .where(ORG_ID.eq(orgId).and(ID.eq(id)))
                        .execute());
        return find(orgId, id).orElseThrow();
    }

    /** The caller id of an agent's calls, if it has a number. */
    Optional<String> numberOfAgent(UUID orgId, UUID agentId) {
        return tx.inOrg(
                orgId,
                () -> db.select(PHONE)
                        .from(T)
                        .where(ORG_ID.eq(orgId).and(AGENT_ID.eq(agentId)))
                        .fetchOptional(PHONE));
    }

    private Optional<OwnedNumber> find(UUID orgId, UUID id) {
        return list(orgId).stream().filter(n -> n.id().equals(id)).findFirst();
    }

    private void requireAgentFree(UUID orgId, UUID agentId, @Nullable UUID self) {
        var clash = tx.inOrg(
                orgId,
                () -> db.select(ID)
                        .from(T)
                        .where(ORG_ID.eq(orgId).and(AGENT_ID.eq(agentId)))
                        .fetchOptional(ID));
        if (clash.isPresent() && !clash.get().equals(self)) {
            throw ApiProblem.invalidField("agentId", "the agent already has a number (" + clash.get() + ")");
        }
    }

    private static ApiProblem providerProblem(ApiException e) {
        return ApiProblem.of(
                HttpStatus.BAD_GATEWAY,
                "provider-error",
                "Twilio refused",
                "Twilio answered: " + e.getMessage(),
                Map.of("providerStatus", e.getStatusCode() == null ? 0 : e.getStatusCode()));
    }
}
