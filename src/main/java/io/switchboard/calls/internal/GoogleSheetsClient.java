package io.switchboard.calls.internal;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sheets.v4.Sheets;
import com.google.api.services.sheets.v4.SheetsScopes;
import com.google.api.services.sheets.v4.model.ValueRange;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The official Google Sheets client, one per organisation key (cached so the access token is reused
 * until it expires). Root URL and token endpoint come from the operator settings, never from the key.
 */
@Component
class GoogleSheetsClient {

    private final CallProperties properties;
    private final HttpTransport transport = new NetHttpTransport();
    private final Map<UUID, Cached> clients = new ConcurrentHashMap<>();

    private record Cached(int keyHash, Sheets sheets) {}

    /** Thrown with a message fit for admins (Google's own error text when it gave one). */
    static final class SheetsException extends Exception {
        SheetsException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    GoogleSheetsClient(CallProperties properties) {
        this.properties = properties;
    }

    /** Parses a service-account key file; the client e-mail on success. */
    static String validateKey(String json) {
        try {
            var credentials = ServiceAccountCredentials.fromStream(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
            if (credentials.getClientEmail() == null || credentials.getPrivateKey() == null) {
                throw new IllegalArgumentException("the key has no client_email or private_key");
            }
            return credentials.getClientEmail();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "not a Google service-account JSON key (type service_account with client_email and private_key): "
                            + e.getMessage(),
                    e);
        }
    }

    /** Appends rows after the last row of the sheet's table; one request for the whole batch. */
    void append(UUID orgId, String keyJson, String spreadsheetId, String sheetName, List<List<Object>> rows)
            throws SheetsException {
        try {
            client(orgId, keyJson)
                    .spreadsheets()
                    .values()
                    .append(spreadsheetId, range(sheetName), new ValueRange().setValues(rows))
                    .setValueInputOption("RAW")
                    .setInsertDataOption("INSERT_ROWS")
                    .execute();
        } catch (GoogleJsonResponseException e) {
            String detail = e.getDetails() != null ? e.getDetails().getMessage() : e.getStatusMessage();
            throw new SheetsException("Google Sheets answered " + e.getStatusCode() + ": " + detail, e);
        } catch (IOException | RuntimeException e) {
            clients.remove(orgId); // a token refusal or a broken connection: start afresh next time
            throw new SheetsException("Google Sheets not reachable: " + e.getMessage(), e);
        }
    }

    /** {@code 'Sheet name'!A1}: quoted so names with spaces or symbols work. */
    static String range(String sheetName) {
        return "'" + sheetName.replace("'", "''") + "'!A1";
    }

    private Sheets client(UUID orgId, String keyJson) throws IOException {
        int hash = keyJson.hashCode();
        Cached cached = clients.get(orgId);
        if (cached != null && cached.keyHash() == hash) return cached.sheets();
        var credentials =
                ServiceAccountCredentials.fromStream(new ByteArrayInputStream(keyJson.getBytes(StandardCharsets.UTF_8)))
                        .toBuilder()
                        .setTokenServerUri(URI.create(properties.tokenUri()))
                        .build()
                        .createScoped(List.of(SheetsScopes.SPREADSHEETS));
        var sheets = new Sheets.Builder(
                        transport, GsonFactory.getDefaultInstance(), new HttpCredentialsAdapter(credentials))
                .setRootUrl(properties.sheetsRoot())
                .setApplicationName("Switchboard")
                .build();
        clients.put(orgId, new Cached(hash, sheets));
        return sheets;
    }
}
