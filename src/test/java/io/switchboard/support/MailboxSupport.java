package io.switchboard.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads links out of the development mailbox, the way a developer would without SMTP. */
public final class MailboxSupport {

    private MailboxSupport() {}

    public static String latestLinkToken(ApiClient api, String adminToken, String to, String marker) {
        var mailbox = api.get("/api/v1/dev-mailbox?size=100", adminToken);
        if (mailbox.status() != 200) {
            throw new AssertionError("mailbox: " + mailbox.raw());
        }
        for (var mail : mailbox.json().get("items")) {
            if (mail.get("to").asString().equalsIgnoreCase(to)) {
                Matcher m = Pattern.compile(Pattern.quote(marker) + "([A-Za-z0-9_-]+)")
                        .matcher(mail.get("body").asString());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new AssertionError("no mail to " + to + " with " + marker + " in " + mailbox.raw());
    }
}
