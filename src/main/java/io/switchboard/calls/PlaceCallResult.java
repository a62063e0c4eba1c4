package io.switchboard.calls;

import io.switchboard.shared.ApiProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The answer of {@link Calls#placeCall}: placed (maybe queued or clamped), or refused and why. */
public sealed interface PlaceCallResult {

    /**
     * @param holdMinor credits held for the call (minor units of {@code currency})
     * @param estimatedCostMinor the most it can cost: {@code maxDurationMinutes × rate}
     * @param clamped the requested maxDuration was shortened to what the balance covers
     * @param requestedMaxDurationMinutes what the caller asked for
     * @param queued the call waits for a free slot of the plan's call limits (or its scheduled time)
     * @param replayed the idempotency key had already placed this call; nothing new happened
     */
    record Placed(
            CallView call,
            long holdMinor,
            long estimatedCostMinor,
            String currency,
            boolean clamped,
            int requestedMaxDurationMinutes,
            boolean queued,
            boolean replayed)
            implements PlaceCallResult {}

    /** Refusals, each with a stable Problem Details type. */
    sealed interface Refused extends PlaceCallResult {
        String message();

        ApiProblem toProblem();
    }

    /** 402 {@code insufficient-credits}: the balance does not cover even one minute. */
    record InsufficientCredits(long availableMinor, long ratePerMinuteMinor, String currency, String message)
            implements Refused {
        @Override
        public ApiProblem toProblem() {
            var props = new LinkedHashMap<String, Object>();
            props.put("availableMinor", availableMinor);
            props.put("ratePerMinuteMinor", ratePerMinuteMinor);
            props.put("currency", currency);
            return ApiProblem.of(
                    HttpStatus.PAYMENT_REQUIRED, "insufficient-credits", "Insufficient credits", message, props);
        }
    }

    /** 422 {@code call-blocked-by-moderation}: names the field and the rules that blocked it. */
    record BlockedByModeration(String field, List<String> rules, String message) implements Refused {
        @Override
        public ApiProblem toProblem() {
            return ApiProblem.of(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "call-blocked-by-moderation",
                    "Blocked by moderation",
                    message,
                    Map.of("field", field, "rules", rules));
        }
    }

    /** 400 {@code validation}: the number (or another field) is not usable. */
    record InvalidRequest(String field, String message) implements Refused {
        @Override
        public ApiProblem toProblem() {
            return ApiProblem.invalidField(field, message);
        }
    }

    /** 404 {@code not-found}: the contact, agent or sales script does not exist in this organisation. */
    record NotFound(String what, String message) implements Refused {
        @Override
        public ApiProblem toProblem() {
            return ApiProblem.notFound(what);
        }
    }

    /** 409 {@code contact-opted-out}: the contact asked not to be contacted. */
    record ContactOptedOut(String message) implements Refused {
        @Override
        public ApiProblem toProblem() {
            return ApiProblem.conflict("contact-opted-out", message);
        }
    }
}
