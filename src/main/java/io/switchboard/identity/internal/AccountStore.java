package io.switchboard.identity.internal;

import static io.switchboard.identity.internal.IdentityTables.Memberships;
import static io.switchboard.identity.internal.IdentityTables.Organizations;
import static io.switchboard.identity.internal.IdentityTables.Users;
import static org.jooq.impl.DSL.lower;

import io.switchboard.identity.Role;
import io.switchboard.identity.internal.IdentityApi.MembershipView;
import io.switchboard.identity.internal.IdentityApi.OrganizationView;
import io.switchboard.identity.internal.IdentityApi.UserView;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * Users, organisations and memberships. Users are global, so lookups by email or id run in the
 * system scope; organisation rows are filtered by the caller's scope (and RLS).
 */
@Repository
class AccountStore {

    private final DSLContext db;

    AccountStore(DSLContext db) {
        this.db = db;
    }

    record StoredUser(
            UUID id,
            String email,
            String name,
            @Nullable String phone,
            @Nullable String passwordHash,
            @Nullable String platformRole,
            byte @Nullable [] totpSecret,
            boolean totpEnabled,
            Instant createdAt) {

        UserView view() {
            return new UserView(id, email, name, phone, platformRole, totpEnabled, createdAt);
        }

        boolean superAdmin() {
            return "super_admin".equals(platformRole);
        }
    }

    Optional<StoredUser> findUserByEmail(String email) {
        return db.select(Users.ALL)
                .from(Users.T)
                .where(lower(Users.EMAIL).eq(email.toLowerCase(Locale.ROOT)))
                .fetchOptional(AccountStore::toUser);
    }

    Optional<StoredUser> findUserByPhone(String phone) {
        return db.select(Users.ALL).from(Users.T).where(Users.PHONE.eq(phone)).fetchOptional(AccountStore::toUser);
    }

    record UserInOrganization(StoredUser user, OrganizationView organization) {}

    /** One round trip for the hot {@code GET /me}: the user and the organisation side by side. */
    Optional<UserInOrganization> userInOrganization(UUID userId, UUID orgId) {
        return db.select(Users.ALL)
                .select(Organizations.ID, Organizations.NAME, Organizations.CREATED_AT)
                .from(Users.T)
                .crossJoin(Organizations.T)
                .where(Users.ID.eq(userId), Organizations.ID.eq(orgId))
                .fetchOptional(r -> new UserInOrganization(
                        toUser(r),
                        new OrganizationView(
                                r.get(Organizations.ID), r.get(Organizations.NAME), r.get(Organizations.CREATED_AT))));
    }

    Optional<StoredUser> findUser(UUID id) {
        return db.select(Users.ALL).from(Users.T).where(Users.ID.eq(id)).fetchOptional(AccountStore::toUser);
    }

    StoredUser createUser(String email, String name, @Nullable String passwordHash, @Nullable String platformRole) {
        UUID id = UUID.randomUUID();
        db.insertInto(Users.T)
                .set(Users.ID, id)
                .set(Users.EMAIL, email.trim())
                .set(Users.NAME, name.trim())
                .set(Users.PASSWORD_HASH, passwordHash)
                .set(Users.PLATFORM_ROLE, platformRole)
                .execute();
        return findUser(id).orElseThrow();
    }

    void updatePassword(UUID userId, String passwordHash) {
        db.update(Users.T)
                .set(Users.PASSWORD_HASH, passwordHash)
                .where(Users.ID.eq(userId))
                .execute();
    }

    void updateProfile(UUID userId, @Nullable String name, @Nullable String phone, boolean phoneGiven) {
        var update = db.update(Users.T).set(Users.NAME, Users.NAME);
        if (name != null) {
            update = update.set(Users.NAME, name.trim());
        }
        if (phoneGiven) {
            update = update.set(Users.PHONE, phone);
        }
        update.where(Users.ID.eq(userId)).execute();
    }

    void updateTotp(UUID userId, byte @Nullable [] secret, boolean enabled) {
        db.update(Users.T)
                .set(Users.TOTP_SECRET, secret)
                .set(Users.TOTP_ENABLED, enabled)
                .where(Users.ID.eq(userId))
                .execute();
    }

    OrganizationView createOrganization(String name) {
        UUID id = UUID.randomUUID();
        db.insertInto(Organizations.T)
                .set(Organizations.ID, id)
                .set(Organizations.NAME, name.trim())
                .execute();
        return findOrganization(id).orElseThrow();
    }

    Optional<OrganizationView> findOrganization(UUID id) {
        return db.select(Organizations.ID, Organizations.NAME, Organizations.CREATED_AT)
                .from(Organizations.T)
                .where(Organizations.ID.eq(id))
                .fetchOptional(r -> new OrganizationView(r.value1(), r.value2(), r.value3()));
    }

    long countOrganizations() {
        return db.fetchCount(Organizations.T);
    }

    void addMember(UUID orgId, UUID userId, Role role) {
        db.insertInto(Memberships.T)
                .set(Memberships.ORG_ID, orgId)
                .set(Memberships.USER_ID, userId)
                .set(Memberships.ROLE, role.json())
                .onConflictDoNothing()
                .execute();
    }

    Optional<Role> roleIn(UUID orgId, UUID userId) {
        return db.select(Memberships.ROLE)
                .from(Memberships.T)
                .where(Memberships.ORG_ID.eq(orgId), Memberships.USER_ID.eq(userId))
                .fetchOptional(r -> Role.fromJson(r.value1()));
    }

    /** Every organisation the user belongs to, oldest membership first. Needs the system scope. */
    List<MembershipView> membershipsOf(UUID userId) {
        return db.select(Organizations.ID, Organizations.NAME, Memberships.ROLE)
                .from(Memberships.T)
                .join(Organizations.T)
                .on(Organizations.ID.eq(Memberships.ORG_ID))
                .where(Memberships.USER_ID.eq(userId))
                .orderBy(Memberships.CREATED_AT, Organizations.ID)
                .fetch(r -> new MembershipView(r.value1(), r.value2(), Role.fromJson(r.value3())));
    }

    private static StoredUser toUser(Record r) {
        return new StoredUser(
                r.get(Users.ID),
                r.get(Users.EMAIL),
                r.get(Users.NAME),
                r.get(Users.PHONE),
                r.get(Users.PASSWORD_HASH),
                r.get(Users.PLATFORM_ROLE),
                r.get(Users.TOTP_SECRET),
                Boolean.TRUE.equals(r.get(Users.TOTP_ENABLED)),
                r.get(Users.CREATED_AT));
    }
}
