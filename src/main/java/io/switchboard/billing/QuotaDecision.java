package io.switchboard.billing;

import io.switchboard.shared.ApiProblem;
import java.time.Instant;
import java.util.LinkedHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** The answer of {@link Quotas}: the work may go ahead, or which limit stops it and until when. */
public sealed interface QuotaDecision {

    boolean allowed();

    /** @param limitValue null = unlimited */
    record Allowed(Limit limit, long used, @Nullable Long limitValue) implements QuotaDecision {
        @Override
        public boolean allowed() {
            return true;
        }
    }

    /** @param resetsAt when the period restarts; null when only an upgrade helps (levels, ended trial) */
    record QuotaExceeded(
            Limit limit,
            long used,
            long limitValue,
            @Nullable Instant resetsAt,
            String planId) implements QuotaDecision {
        @Override
        public boolean allowed() {
            return false;
        }

        /** 429 Problem Details of type …/quota-exceeded, naming the limit and the reset time. */
        public ApiProblem toProblem() {
            var props = new LinkedHashMap<String, Object>();
            props.put("limit", limit.json());
            props.put("used", used);
            props.put("limitValue", limitValue);
            props.put("plan", planId);
            if (resetsAt != null) props.put("resetsAt", resetsAt.toString());
            String detail = "The " + limit.json() + " limit of the " + planId + " plan (" + limitValue
                    + ") is reached; "
                    + (resetsAt == null ? "upgrade the plan to continue" : "it resets at " + resetsAt);
            return ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, "quota-exceeded", "Quota exceeded", detail, props);
        }
    }
}
