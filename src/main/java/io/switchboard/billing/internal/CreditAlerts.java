package io.switchboard.billing.internal;

import static io.switchboard.billing.internal.BillingTables.Accounts;
import static io.switchboard.billing.internal.BillingTables.Subscriptions;

import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import io.switchboard.billing.CreditsLow;
import io.switchboard.identity.Mailer;
import io.switchboard.identity.OrganizationMembers;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Watches the accounts that asked for it: sends the low-balance alert (event, e-mail to owners and
 * admins; the dashboard banner reads the balance itself) once per drop below the threshold, and
 * charges the saved card when auto top-up is on. A scan rather than a check in every posting keeps
 * the ledger's hot path free; each step is a conditional update, so two nodes never both alert or
 * both charge.
 */
@Component
class CreditAlerts {

    private static final Logger log = LoggerFactory.getLogger(CreditAlerts.class);
    /** A failed or pending automatic charge is not tried again sooner than this. */
    static final Duration AUTO_TOP_UP_RETRY = Duration.ofHours(1);

    private final DSLContext db;
    private final OrgTransactions tx;
    private final Ledger ledger;
    private final StripeGateway stripe;
    private final BillingProperties properties;
    private final ApplicationEventPublisher events;
    private final OrganizationMembers members;
    private final Mailer mailer;

    CreditAlerts(
            DSLContext db,
            OrgTransactions tx,
            Ledger ledger,
            StripeGateway stripe,
            BillingProperties properties,
            ApplicationEventPublisher events,
            OrganizationMembers members,
            Mailer mailer) {
        this.db = db;
        this.tx = tx;
        this.ledger = ledger;
        this.stripe = stripe;
        this.properties = properties;
        this.events = events;
        this.members = members;
        this.mailer = mailer;
    }

    record Watched(
            UUID orgId,
            String currency,
            long available,
            @Nullable Long threshold,
            @Nullable Instant alertedAt,
            @Nullable Long autoBelow,
            @Nullable Long autoAmount,
            @Nullable Instant autoAttemptedAt) {}

    record AutoTopUp(
            @Nullable Long belowMinor,
            @Nullable Long amountMinor,
            @Nullable Instant lastAttemptAt,
            @Nullable String lastError) {}

    @Scheduled(fixedDelayString = "${switchboard.billing.alert-interval:30s}", initialDelay = 10_000)
    void scheduledScan() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("Credit alert scan failed: {}", e.toString());
        }
    }

    /** One pass over the watched accounts; answers how many alerts and charges it started. */
    int scan() {
        List<Watched> watched = tx.asSystem(
                "credit alert scan",
                () -> db.select(
                                Accounts.ORG_ID,
                                Accounts.CURRENCY,
                                Accounts.BALANCE.minus(Accounts.HELD),
                                Accounts.LOW_BALANCE_THRESHOLD,
                                Accounts.LOW_BALANCE_ALERTED_AT,
                                Accounts.AUTO_TOP_UP_BELOW,
                                Accounts.AUTO_TOP_UP_AMOUNT,
                                Accounts.AUTO_TOP_UP_ATTEMPTED_AT)
                        .from(Accounts.T)
                        .where(Accounts.LOW_BALANCE_THRESHOLD.isNotNull().or(Accounts.AUTO_TOP_UP_BELOW.isNotNull()))
                        .fetch(r -> new Watched(
                                r.value1(),
                                r.value2(),
                                r.value3(),
                                r.value4(),
                                r.value5(),
                                r.value6(),
                                r.value7(),
                                r.value8())));
        int started = 0;
        for (Watched w : watched) {
            try {
                if (alert(w)) started++;
                if (autoTopUp(w)) started++;
            } catch (RuntimeException e) {
                log.warn("Credit alerts of organisation {} failed: {}", w.orgId(), e.toString());
            }
        }
        return started;
    }

    private boolean alert(Watched w) {
        Long threshold = w.threshold();
        boolean low = threshold != null && w.available() < threshold;
        if (!low) {
            if (w.alertedAt() != null) {
                // back above the threshold: the next drop alerts again
                tx.inOrg(
                        w.orgId(),
                        () -> db.update(Accounts.T)
                                .setNull(Accounts.LOW_BALANCE_ALERTED_AT)
                                .where(Accounts.ORG_ID.eq(w.orgId()))
                                .execute());
            }
            return false;
        }
        if (w.alertedAt() != null) return false;
        return tx.inOrg(w.orgId(), () -> {
            int claimed = db.update(Accounts.T)
                    .set(Accounts.LOW_BALANCE_ALERTED_AT, Instant.now())
                    .where(Accounts.ORG_ID.eq(w.orgId()), Accounts.LOW_BALANCE_ALERTED_AT.isNull())
                    .execute();
            if (claimed == 0) return false;
            events.publishEvent(new CreditsLow(w.orgId(), w.available(), threshold, w.currency()));
            return true;
        });
    }

    /** E-mails the owners and admins (after the alert committed; retried by the event registry). */
    @ApplicationModuleListener
    void on(CreditsLow e) {
        String body = "Available credits are " + Money.format(e.availableMinor(), e.currency())
                + ", below your alert threshold of " + Money.format(e.thresholdMinor(), e.currency())
                + ".\n\nCalls and other paid work stop when nothing is left. Top up on the Billing page"
                + (properties.stripeEnabled() ? " or turn on automatic top-up." : " or ask your administrator.")
                + "\n";
        mailAdmins(e.orgId(), "Switchboard: credits are running low", body);
    }

    /** The mail log is tenant data: recorded in the organisation's scope. */
    private void mailAdmins(UUID orgId, String subject, String body) {
        tx.inOrg(orgId, () -> {
            for (String to : members.adminEmails(orgId)) mailer.send(orgId, to, subject, body);
            return null;
        });
    }

    private boolean autoTopUp(Watched w) {
        Long below = w.autoBelow();
        Long amount = w.autoAmount();
        if (below == null || amount == null || w.available() >= below || !properties.stripeEnabled()) return false;
        Instant now = Instant.now();
        if (w.autoAttemptedAt() != null && w.autoAttemptedAt().isAfter(now.minus(AUTO_TOP_UP_RETRY))) return false;
        String customer = tx.inOrg(w.orgId(), () -> {
            int claimed = db.update(Accounts.T)
                    .set(Accounts.AUTO_TOP_UP_ATTEMPTED_AT, now)
                    .where(Accounts.ORG_ID.eq(w.orgId()))
                    .and(
                            w.autoAttemptedAt() == null
                                    ? Accounts.AUTO_TOP_UP_ATTEMPTED_AT.isNull()
                                    : Accounts.AUTO_TOP_UP_ATTEMPTED_AT.eq(w.autoAttemptedAt()))
                    .execute();
            if (claimed == 0) return null; // another node took this attempt
            return db.select(Subscriptions.STRIPE_CUSTOMER_ID)
                    .from(Subscriptions.T)
                    .where(Subscriptions.ORG_ID.eq(w.orgId()))
                    .fetchOptional(Subscriptions.STRIPE_CUSTOMER_ID)
                    .orElse(null);
        });
        if (customer == null) {
            recordError(w.orgId(), "No Stripe customer yet: buy credits or a plan once through Checkout");
            return false;
        }
        // one key per attempt: a retried HTTP call inside this attempt never charges twice
        String key = "auto-top-up-" + w.orgId() + "-" + now.toEpochMilli();
        try {
            PaymentIntent intent = stripe.chargeSavedCard(w.orgId(), customer, amount, w.currency(), key);
            if ("succeeded".equals(intent.getStatus())) {
                credit(w.orgId(), intent);
                recordError(w.orgId(), null);
            } else {
                // e.g. requires_action: the payment_intent.succeeded webhook credits it if it completes
                recordError(w.orgId(), "The card needs the customer's action (" + intent.getStatus() + ")");
            }
            return true;
        } catch (StripeException e) {
            String message = e.getStripeError() != null && e.getStripeError().getMessage() != null
                    ? e.getStripeError().getMessage()
                    : e.getClass().getSimpleName();
            recordError(w.orgId(), "Stripe declined the automatic top-up: " + message);
            mailFailure(w.orgId(), message);
            return true;
        } catch (ApiProblem e) {
            recordError(w.orgId(), e.getMessage());
            mailFailure(w.orgId(), e.getMessage());
            return true;
        }
    }

    /** Posts a paid automatic top-up once, whether the charge answer or the webhook arrives first. */
    void credit(UUID orgId, PaymentIntent intent) {
        Long received = intent.getAmountReceived() != null && intent.getAmountReceived() > 0
                ? intent.getAmountReceived()
                : intent.getAmount();
        if (received == null || received <= 0) return;
        ledger.post(
                orgId,
                new Ledger.Posting(
                        Ledger.Kind.TOP_UP,
                        received,
                        "stripe:payment_intent:" + intent.getId(),
                        null,
                        intent.getId(),
                        "Automatic credit top-up (Stripe)",
                        "stripe"));
    }

    private void recordError(UUID orgId, @Nullable String error) {
        tx.inOrg(
                orgId,
                () -> db.update(Accounts.T)
                        .set(Accounts.AUTO_TOP_UP_ERROR, error)
                        .where(Accounts.ORG_ID.eq(orgId))
                        .execute());
    }

    private void mailFailure(UUID orgId, String reason) {
        mailAdmins(
                orgId,
                "Switchboard: automatic credit top-up failed",
                "The automatic top-up of your credits did not go through: " + reason
                        + "\n\nUpdate the payment method in the billing portal; we try again within an hour.\n");
    }

    AutoTopUp autoTopUp(UUID orgId) {
        return tx.inOrg(
                orgId,
                () -> db.select(
                                Accounts.AUTO_TOP_UP_BELOW,
                                Accounts.AUTO_TOP_UP_AMOUNT,
                                Accounts.AUTO_TOP_UP_ATTEMPTED_AT,
                                Accounts.AUTO_TOP_UP_ERROR)
                        .from(Accounts.T)
                        .where(Accounts.ORG_ID.eq(orgId))
                        .fetchOptional(r -> new AutoTopUp(r.value1(), r.value2(), r.value3(), r.value4()))
                        .orElse(new AutoTopUp(null, null, null, null)));
    }

    void setAutoTopUp(UUID orgId, @Nullable Long belowMinor, @Nullable Long amountMinor) {
        if ((belowMinor == null) != (amountMinor == null)) {
            throw ApiProblem.invalidField(
                    belowMinor == null ? "autoTopUpBelowMinor" : "autoTopUpAmountMinor",
                    "must be set together with the other auto top-up field (or both null to turn it off)");
        }
        if (belowMinor != null && !properties.stripeEnabled()) {
            throw ApiProblem.conflict(
                    "billing-manual-mode",
                    "Automatic top-up needs Stripe billing; in manual mode an administrator grants credits");
        }
        tx.inOrg(orgId, () -> {
            db.insertInto(Accounts.T)
                    .set(Accounts.ORG_ID, orgId)
                    .onConflictDoNothing()
                    .execute();
            return db.update(Accounts.T)
                    .set(Accounts.AUTO_TOP_UP_BELOW, belowMinor)
                    .set(Accounts.AUTO_TOP_UP_AMOUNT, amountMinor)
                    .setNull(Accounts.AUTO_TOP_UP_ATTEMPTED_AT)
                    .setNull(Accounts.AUTO_TOP_UP_ERROR)
                    .where(Accounts.ORG_ID.eq(orgId))
                    .execute();
        });
    }
}
