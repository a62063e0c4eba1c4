package io.switchboard.identity.internal;

import static io.switchboard.identity.internal.IdentityTables.Invitations;
import static io.switchboard.identity.internal.IdentityTables.Memberships;
import static io.switchboard.identity.internal.IdentityTables.Organizations;
import static io.switchboard.identity.internal.IdentityTables.Users;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.lower;

import io.switchboard.identity.AuditLog;
import io.switchboard.identity.AuditLog.Actor;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Mailer;
import io.switchboard.identity.Role;
import io.switchboard.identity.SeatAllowance;
import io.switchboard.identity.internal.IdentityApi.Invitation;
import io.switchboard.identity.internal.IdentityApi.InvitationPreview;
import io.switchboard.identity.internal.IdentityApi.Member;
import io.switchboard.identity.internal.IdentityApi.OrganizationSummary;
import io.switchboard.identity.internal.IdentityApi.Session;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import io.switchboard.shared.crypto.Tokens;
import io.switchboard.shared.db.Pages;
import io.switchboard.shared.db.ScopedTransactions;
import io.switchboard.shared.web.PublicUrls;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Members, their roles and invitations. An organisation always keeps at least one owner. */
@Service
class MemberService {

    private static final Duration INVITATION_TTL = Duration.ofDays(7);

    private final DSLContext db;
    private final ScopedTransactions tx;
    private final AccountStore accounts;
    private final PasswordPolicy passwords;
    private final SessionService sessions;
    private final MembershipCache membershipCache;
    private final AuditLog audit;
    private final Mailer mailer;
    private final PublicUrls links;
    private final ObjectProvider<SeatAllowance> seats;

    MemberService(
            DSLContext db,
            ScopedTransactions tx,
            AccountStore accounts,
            PasswordPolicy passwords,
            SessionService sessions,
            MembershipCache membershipCache,
            AuditLog audit,
            Mailer mailer,
            PublicUrls links,
            ObjectProvider<SeatAllowance> seats) {
        this.seats = seats;
        this.db = db;
        this.tx = tx;
        this.accounts = accounts;
        this.passwords = passwords;
        this.sessions = sessions;
        this.membershipCache = membershipCache;
        this.audit = audit;
        this.mailer = mailer;
        this.links = links;
    }

    PageResponse<Member> list(PageQuery page) {
        UUID orgId = CurrentPrincipal.get().orgId();
        return Pages.fetch(
                db,
                page,
                db.select(Users.ID, Users.EMAIL, Users.NAME, Memberships.ROLE, Memberships.CREATED_AT)
                        .from(Memberships.T)
                        .join(Users.T)
                        .on(Users.ID.eq(Memberships.USER_ID))
                        .where(Memberships.ORG_ID.eq(orgId))
                        .orderBy(Memberships.CREATED_AT, Users.ID),
                MemberService::toMember);
    }

    @Transactional
    Member changeRole(UUID userId, Role newRole) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        Role current = lockedRole(principal.orgId(), userId);
        if ((current == Role.OWNER || newRole == Role.OWNER) && principal.role() != Role.OWNER) {
            throw ApiProblem.forbidden("Only an owner can grant or take away the owner role");
        }
        if (current == Role.OWNER && newRole != Role.OWNER) {
            requireAnotherOwner(principal.orgId());
        }
        db.update(Memberships.T)
                .set(Memberships.ROLE, newRole.json())
                .where(Memberships.ORG_ID.eq(principal.orgId()), Memberships.USER_ID.eq(userId))
                .execute();
        membershipCache.evict(userId, principal.orgId());
        audit.record(
                "member.role_changed", "user", userId.toString(), Map.of("from", current.json(), "to", newRole.json()));
        return member(principal.orgId(), userId);
    }

    @Transactional
    void remove(UUID userId) {
        CurrentPrincipal principal = CurrentPrincipal.get();
        boolean self = userId.equals(principal.userId());
        if (!self) {
            principal.require(Role.ADMIN);
        }
        Role current = lockedRole(principal.orgId(), userId);
        if (current == Role.OWNER && !self && principal.role() != Role.OWNER) {
            throw ApiProblem.forbidden("Only an owner can remove an owner");
        }
        if (current == Role.OWNER) {
            requireAnotherOwner(principal.orgId());
        }
        db.deleteFrom(Memberships.T)
                .where(Memberships.ORG_ID.eq(principal.orgId()), Memberships.USER_ID.eq(userId))
                .execute();
        sessions.revokeAllFor(userId, principal.orgId());
        membershipCache.evict(userId, principal.orgId());
        audit.record("member.removed", "user", userId.toString(), Map.of("role", current.json()));
    }

    PageResponse<Invitation> listInvitations(PageQuery page) {
        UUID orgId = CurrentPrincipal.get().require(Role.ADMIN).orgId();
        var where = Invitations.ORG_ID.eq(orgId);
        return Pages.fetch(
                db,
                page,
                db.select(Invitations.ALL)
                        .from(Invitations.T)
                        .where(where)
                        .orderBy(Invitations.CREATED_AT.desc(), Invitations.ID),
                MemberService::toInvitation);
    }

    @Transactional
    Invitation invite(String email, Role role) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        if (role == Role.OWNER && principal.role() != Role.OWNER) {
            throw ApiProblem.forbidden("Only an owner can invite another owner");
        }
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        boolean alreadyMember = db.fetchExists(db.selectOne()
                .from(Memberships.T)
                .join(Users.T)
                .on(Users.ID.eq(Memberships.USER_ID))
                .where(
                        Memberships.ORG_ID.eq(principal.orgId()),
                        lower(Users.EMAIL).eq(normalized)));
        if (alreadyMember) {
            throw ApiProblem.invalidField("email", "already belongs to a member of this organisation");
        }
        // A new invitation to the same address replaces the pending one.
        db.update(Invitations.T)
                .set(Invitations.REVOKED_AT, Instant.now())
                .where(
                        Invitations.ORG_ID.eq(principal.orgId()),
                        lower(Invitations.EMAIL).eq(normalized),
                        Invitations.ACCEPTED_AT.isNull(),
                        Invitations.REVOKED_AT.isNull())
                .execute();
        seats.ifAvailable(allowance -> allowance.requireSeat(principal.orgId()));
        String token = Tokens.newToken("");
        UUID id = UUID.randomUUID();
        db.insertInto(Invitations.T)
                .set(Invitations.ID, id)
                .set(Invitations.ORG_ID, principal.orgId())
                .set(Invitations.EMAIL, normalized)
                .set(Invitations.ROLE, role.json())
                .set(Invitations.TOKEN_HASH, Tokens.sha256Hex(token))
                .set(Invitations.INVITED_BY, principal.userId())
                .set(Invitations.EXPIRES_AT, Instant.now().plus(INVITATION_TTL))
                .execute();
        String orgName =
                accounts.findOrganization(principal.orgId()).orElseThrow().name();
        mailer.send(
                principal.orgId(),
                normalized,
                "You're invited to " + orgName + " on Switchboard",
                "Hello,\n\n" + principal.label() + " invited you to join " + orgName + " on Switchboard as "
                        + role.json() + ".\n\nAccept within 7 days:\n\n" + links.base() + "/invite?token=" + token
                        + "\n");
        audit.record("member.invited", "invitation", id.toString(), Map.of("email", normalized, "role", role.json()));
        return toInvitation(db.select(Invitations.ALL)
                .from(Invitations.T)
                .where(Invitations.ID.eq(id))
                .fetchSingle());
    }

    @Transactional
    void revokeInvitation(UUID id) {
        UUID orgId = CurrentPrincipal.get().require(Role.ADMIN).orgId();
        int updated = db.update(Invitations.T)
                .set(Invitations.REVOKED_AT, Instant.now())
                .where(
                        Invitations.ID.eq(id),
                        Invitations.ORG_ID.eq(orgId),
                        Invitations.ACCEPTED_AT.isNull(),
                        Invitations.REVOKED_AT.isNull())
                .execute();
        if (updated == 0 && !db.fetchExists(Invitations.T, Invitations.ID.eq(id), Invitations.ORG_ID.eq(orgId))) {
            throw ApiProblem.notFound("Invitation " + id);
        }
        if (updated > 0) {
            audit.record("member.invitation_revoked", "invitation", id.toString(), Map.of());
        }
    }

    InvitationPreview preview(String token) {
        return tx.asSystem("invitation preview", () -> {
            Record invitation = pendingInvitation(token);
            String orgName = accounts.findOrganization(invitation.get(Invitations.ORG_ID))
                    .orElseThrow()
                    .name();
            String email = invitation.get(Invitations.EMAIL);
            return new InvitationPreview(
                    orgName,
                    email,
                    Role.fromJson(invitation.get(Invitations.ROLE)),
                    accounts.findUserByEmail(email).isPresent());
        });
    }

    /** The token arrived by mail, which proves the address: it signs the invitee in to the new organisation. */
    Session accept(String token, @Nullable String name, @Nullable String password) {
        String hash = password == null ? null : passwords.hashNew("password", password);
        return tx.asSystem("invitation accept", () -> {
            Record invitation = pendingInvitation(token);
            UUID orgId = invitation.get(Invitations.ORG_ID);
            String email = invitation.get(Invitations.EMAIL);
            Role role = Role.fromJson(invitation.get(Invitations.ROLE));
            var user = accounts.findUserByEmail(email).orElseGet(() -> {
                if (name == null || name.isBlank()) {
                    throw ApiProblem.invalidField("name", "is required to create your account");
                }
                if (hash == null) {
                    throw ApiProblem.invalidField("password", "is required to create your account");
                }
                return accounts.createUser(email, name, hash, null);
            });
            accounts.addMember(orgId, user.id(), role);
            db.update(Invitations.T)
                    .set(Invitations.ACCEPTED_AT, Instant.now())
                    .where(Invitations.ID.eq(invitation.get(Invitations.ID)))
                    .execute();
            audit.recordAs(
                    orgId,
                    Actor.user(user.id(), user.email()),
                    "member.joined",
                    "user",
                    user.id().toString(),
                    Map.of("role", role.json()));
            Role actual = accounts.roleIn(orgId, user.id()).orElse(role);
            return sessions.start(user, orgId, actual);
        });
    }

    PageResponse<OrganizationSummary> allOrganizations(PageQuery page) {
        if (!CurrentPrincipal.get().superAdmin()) {
            throw ApiProblem.forbidden("Only a platform super admin can list organisations");
        }
        return tx.asSystem(
                "super admin organisation list",
                () -> Pages.fetch(
                        db,
                        page,
                        db.select(
                                        Organizations.ID,
                                        Organizations.NAME,
                                        count(Memberships.USER_ID),
                                        Organizations.CREATED_AT)
                                .from(Organizations.T)
                                .leftJoin(Memberships.T)
                                .on(Memberships.ORG_ID.eq(Organizations.ID))
                                .groupBy(Organizations.ID, Organizations.NAME, Organizations.CREATED_AT)
                                .orderBy(Organizations.CREATED_AT, Organizations.ID),
                        r -> new OrganizationSummary(r.value1(), r.value2(), r.value3(), r.value4())));
    }

    private Record pendingInvitation(String token) {
        return db.select(Invitations.ALL)
                .from(Invitations.T)
                .where(
                        Invitations.TOKEN_HASH.eq(Tokens.sha256Hex(token)),
                        Invitations.ACCEPTED_AT.isNull(),
                        Invitations.REVOKED_AT.isNull(),
                        Invitations.EXPIRES_AT.gt(Instant.now()))
                .fetchOptional()
                .orElseThrow(() -> ApiProblem.notFound("Invitation (it may have expired, been used or revoked)"));
    }

    private Role lockedRole(UUID orgId, UUID userId) {
        return db.select(Memberships.ROLE)
                .from(Memberships.T)
                .where(Memberships.ORG_ID.eq(orgId), Memberships.USER_ID.eq(userId))
                .forUpdate()
                .fetchOptional(r -> Role.fromJson(r.value1()))
                .orElseThrow(() -> ApiProblem.notFound("Member " + userId));
    }

    /** Locks the owner rows so two concurrent demotions can't both pass the check. */
    private void requireAnotherOwner(UUID orgId) {
        int owners = db.select(Memberships.USER_ID)
                .from(Memberships.T)
                .where(Memberships.ORG_ID.eq(orgId), Memberships.ROLE.eq(Role.OWNER.json()))
                .forUpdate()
                .fetch()
                .size();
        if (owners <= 1) {
            throw ApiProblem.conflict(
                    "last-owner", "An organisation needs at least one owner; make someone else owner first");
        }
    }

    private Member member(UUID orgId, UUID userId) {
        return db.select(Users.ID, Users.EMAIL, Users.NAME, Memberships.ROLE, Memberships.CREATED_AT)
                .from(Memberships.T)
                .join(Users.T)
                .on(Users.ID.eq(Memberships.USER_ID))
                .where(Memberships.ORG_ID.eq(orgId), Memberships.USER_ID.eq(userId))
                .fetchSingle(MemberService::toMember);
    }

    private static Member toMember(org.jooq.Record5<UUID, String, String, String, Instant> r) {
        return new Member(r.value1(), r.value2(), r.value3(), Role.fromJson(r.value4()), r.value5());
    }

    private static Invitation toInvitation(Record r) {
        Instant now = Instant.now();
        String status = r.get(Invitations.ACCEPTED_AT) != null
                ? "accepted"
                : r.get(Invitations.REVOKED_AT) != null
                        ? "revoked"
                        : r.get(Invitations.EXPIRES_AT).isBefore(now) ? "expired" : "pending";
        return new Invitation(
                r.get(Invitations.ID),
                r.get(Invitations.EMAIL),
                Role.fromJson(r.get(Invitations.ROLE)),
                status,
                r.get(Invitations.CREATED_AT),
                r.get(Invitations.EXPIRES_AT));
    }
}
