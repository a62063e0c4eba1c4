package io.switchboard.identity.internal;

import io.switchboard.shared.ApiProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Argon2id hashing plus the rules a new password must pass (length, not a common password). */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    private final PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final Set<String> common;
    /** Compared against when the account does not exist, so timing does not reveal that. */
    private final String dummyHash;

    PasswordPolicy() {
        try (var reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            this.common = reader.lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty())
                    .map(l -> l.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.dummyHash = encoder.encode("not-a-real-password-" + System.nanoTime());
    }

    /** Validates a new password and returns its Argon2id hash. */
    String hashNew(String field, String password) {
        if (password.length() < MIN_LENGTH) {
            throw ApiProblem.invalidField(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            throw ApiProblem.invalidField(field, "is a commonly used password; choose another");
        }
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    void burnTimeForUnknownAccount(String password) {
        encoder.matches(password, dummyHash);
    }
}
