package io.switchboard.identity.internal;

import static io.switchboard.identity.internal.IdentityTables.OutboundEmails;

import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Mailer;
import io.switchboard.identity.internal.IdentityApi.DevMail;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.SwitchboardProperties;
import io.switchboard.shared.db.Pages;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Service;

/**
 * SMTP when {@code SWITCHBOARD_SMTP_URL} is set ({@code smtp://user:pass@host:port} or {@code
 * smtps://...}), otherwise the development mailbox. Every mail is recorded first, so a failed send
 * is visible rather than lost.
 */
@Service
class MailService implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(MailService.class);

    private final DSLContext db;
    private final @Nullable JavaMailSenderImpl smtp;
    private final String from;

    MailService(DSLContext db, SwitchboardProperties properties) {
        this.db = db;
        this.from = properties.mail().from();
        this.smtp =
                properties.mail().smtpConfigured() ? sender(properties.mail().smtpUrl()) : null;
    }

    @Override
    public String transport() {
        return smtp == null ? "dev_mailbox" : "smtp";
    }

    @Override
    public void send(@Nullable UUID orgId, String to, String subject, String body) {
        UUID id = UUID.randomUUID();
        String status = "stored";
        String error = null;
        if (smtp != null) {
            try {
                var message = new SimpleMailMessage();
                message.setFrom(from);
                message.setTo(to);
                message.setSubject(subject);
                message.setText(body);
                smtp.send(message);
                status = "sent";
            } catch (MailException e) {
                status = "failed";
                error = e.getMessage();
                log.warn("Sending mail {} failed: {}", id, e.getMessage());
            }
        } else {
            log.info("Development mailbox: stored mail '{}' (no SMTP configured)", subject);
        }
        db.insertInto(OutboundEmails.T)
                .set(OutboundEmails.ID, id)
                .set(OutboundEmails.ORG_ID, orgId)
                .set(OutboundEmails.TO, to)
                .set(OutboundEmails.SUBJECT, subject)
                .set(OutboundEmails.BODY, body)
                .set(OutboundEmails.TRANSPORT, transport())
                .set(OutboundEmails.STATUS, status)
                .set(OutboundEmails.ERROR, error)
                .execute();
    }

    PageResponse<DevMail> devMailbox(PageQuery page) {
        UUID orgId = CurrentPrincipal.get().orgId();
        var where = OutboundEmails.ORG_ID.eq(orgId).and(OutboundEmails.TRANSPORT.eq("dev_mailbox"));
        return Pages.fetch(
                db,
                page,
                db.select(OutboundEmails.ALL)
                        .from(OutboundEmails.T)
                        .where(where)
                        .orderBy(OutboundEmails.CREATED_AT.desc(), OutboundEmails.ID),
                r -> new DevMail(
                        r.get(OutboundEmails.ID),
                        r.get(OutboundEmails.TO),
                        r.get(OutboundEmails.SUBJECT),
                        r.get(OutboundEmails.BODY),
                        r.get(OutboundEmails.CREATED_AT)));
    }

    private static JavaMailSenderImpl sender(String url) {
        URI uri = URI.create(url);
        var sender = new JavaMailSenderImpl();
        boolean tls = "smtps".equalsIgnoreCase(uri.getScheme());
        sender.setProtocol(tls ? "smtps" : "smtp");
        sender.setHost(uri.getHost());
        sender.setPort(uri.getPort() > 0 ? uri.getPort() : (tls ? 465 : 587));
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            sender.setUsername(URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
            if (parts.length > 1) {
                sender.setPassword(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
        }
        Properties props = sender.getJavaMailProperties();
        props.put("mail.smtp.auth", Boolean.toString(sender.getUsername() != null));
        props.put(
                "mail.smtp.starttls.enable",
                Boolean.toString(
                        !tls && uri.getQuery() != null && uri.getQuery().contains("starttls=true")));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        return sender;
    }
}
