package io.switchboard.identity.internal;

import io.switchboard.identity.OneTimeCodes;
import io.switchboard.shared.db.ScopedTransactions;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** {@link OneTimeCodes} for other modules, over the same codes as the users' phone sign-in. */
@Service
class OneTimeCodeService implements OneTimeCodes {

    private final OtpService otp;
    private final ScopedTransactions tx;

    OneTimeCodeService(OtpService otp, ScopedTransactions tx) {
        this.otp = otp;
        this.tx = tx;
    }

    @Override
    public String send(String purpose, UUID orgId, String phoneE164, String messagePrefix) {
        tx.asSystem("one-time code", () -> otp.issue(purpose, orgId, phoneE164, messagePrefix));
        return otp.sender().channel();
    }

    @Override
    public boolean verify(String purpose, String phoneE164, String code) {
        return tx.asSystem("one-time code", () -> otp.verify(purpose, phoneE164, code))
                instanceof OtpService.Outcome.Accepted;
    }

    @Override
    public String deliveryChannel() {
        return otp.sender().channel();
    }

    @Override
    public Duration ttl() {
        return OtpService.TTL;
    }
}
