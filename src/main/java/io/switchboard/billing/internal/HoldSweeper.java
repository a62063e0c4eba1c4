package io.switchboard.billing.internal;

import static io.switchboard.billing.internal.BillingTables.Holds;

import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Releases holds whose work never settled them (crashed caller, lost callback) once they expire. */
@Component
class HoldSweeper {

    private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);

    private final DSLContext db;
    private final OrgTransactions tx;
    private final Ledger ledger;

    HoldSweeper(DSLContext db, OrgTransactions tx, Ledger ledger) {
        this.db = db;
        this.tx = tx;
        this.ledger = ledger;
    }

    @Scheduled(fixedDelayString = "${switchboard.billing.hold-sweep-interval:30s}", initialDelay = 5_000)
    void sweep() {
        sweepExpired(Instant.now());
    }

    /** Expires every active hold past its deadline; answers how many. */
    int sweepExpired(Instant now) {
        var expired = tx.asSystem(
                "expired credit holds",
                () -> db.select(Holds.ORG_ID, Holds.ID)
                        .from(Holds.T)
                        .where(Holds.STATUS.eq("active"), Holds.EXPIRES_AT.le(now))
                        .orderBy(Holds.EXPIRES_AT)
                        .limit(1000)
                        .fetch());
        int count = 0;
        for (var row : expired) {
            UUID orgId = row.value1();
            try {
                ledger.release(orgId, row.value2(), "expired");
                count++;
            } catch (RuntimeException e) {
                log.warn("Could not expire hold {} of org {}: {}", row.value2(), orgId, e.toString());
            }
        }
        return count;
    }
}
