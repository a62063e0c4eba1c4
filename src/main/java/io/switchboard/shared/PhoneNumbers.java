package io.switchboard.shared;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one phone normaliser (libphonenumber): parses what a person typed into E.164 or fails with a
 * Problem Details naming the field. Sign-in accepts international numbers only; contacts read a number
 * without a country prefix in the contact's region.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** libphonenumber's "unknown region": only numbers with a + (or an international prefix) parse. */
    private static final String NO_REGION = "ZZ";

    private PhoneNumbers() {}

    /** An international number (with its country prefix) in E.164; anything else is refused. */
    public static String international(String field, String raw) {
        try {
            var parsed = PHONES.parse(raw.trim(), NO_REGION);
            if (!PHONES.isValidNumber(parsed)) {
                throw ApiProblem.invalidField(field, "is not a valid phone number");
            }
            return PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw ApiProblem.invalidField(field, "must be an international number such as +14155550123");
        }
    }

    /**
     * A number in E.164; one without a country prefix is read in {@code region} (ISO 3166 alpha-2,
     * {@code defaultRegion} when blank).
     */
    public static String inRegion(String field, String raw, @Nullable String region, String defaultRegion) {
        String effective = region == null || region.isBlank() ? defaultRegion : region.toUpperCase(Locale.ROOT);
        try {
            var parsed = PHONES.parse(raw.trim(), effective);
            if (!PHONES.isValidNumber(parsed)) {
                throw ApiProblem.invalidField(field, "is not a valid phone number for region " + effective);
            }
            return PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw ApiProblem.invalidField(field, "is not a phone number");
        }
    }
}
