package io.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.IntegrationTest;
import io.switchboard.support.MailboxSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MembersWebTests extends IntegrationTest {

    private JsonNode inviteAndAccept(JsonNode owner, String role) {
        String email = "invitee-" + UUID.randomUUID() + "@example.test";
        var invite = api.post("/api/v1/invitations", Map.of("email", email, "role", role), token(owner));
        assertThat(invite.status()).as(invite.raw()).isEqualTo(201);
        assertThat(invite.json().get("status").asString()).isEqualTo("pending");
        String inviteToken = MailboxSupport.latestLinkToken(api, token(owner), email, "/invite?token=");
        var preview = api.get("/api/v1/auth/invitations/" + inviteToken, null);
        assertThat(preview.json().get("accountExists").asBoolean()).isFalse();
        assertThat(preview.json().get("role").asString()).isEqualTo(role);
        var noPassword =
                api.post("/api/v1/auth/invitations/accept", Map.of("token", inviteToken, "name", "New Person"), null);
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.json().get("errors").get(0).get("field").asString())
                .isEqualTo("password");
        var accepted = api.post(
                "/api/v1/auth/invitations/accept",
                Map.of("token", inviteToken, "name", "New Person", "password", "a long enough secret"),
                null);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        assertThat(accepted.json().get("role").asString()).isEqualTo(role);
        // the link works once
        assertThat(api.post(
                                "/api/v1/auth/invitations/accept",
                                Map.of("token", inviteToken, "name", "Again", "password", "a long enough secret"),
                                null)
                        .status())
                .isEqualTo(404);
        return accepted.json();
    }

    @Test
    void invitedPersonJoinsWithTheInvitedRoleAndAppearsInMembers() {
        var owner = signup("Team");
        var invitee = inviteAndAccept(owner, "agent");
        var members = api.get("/api/v1/members", token(owner)).json();
        assertThat(members.get("totalItems").asLong()).isEqualTo(2);
        assertThat(members.get("items").findValuesAsString("role")).containsExactly("owner", "agent");
        assertThat(members.get("items").findValuesAsString("email"))
                .contains(invitee.get("user").get("email").asString());
        var invitations = api.get("/api/v1/invitations", token(owner)).json();
        assertThat(invitations.get("items").get(0).get("status").asString()).isEqualTo("accepted");
    }

    @Test
    void ownerChangesRolesAndTheLastOwnerIsProtected() {
        var owner = signup("Roles");
        var member = inviteAndAccept(owner, "viewer");
        String memberId = member.get("user").get("id").asString();
        String ownerId = owner.get("user").get("id").asString();

        var promoted = api.patch("/api/v1/members/" + memberId, Map.of("role", "admin"), token(owner));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().get("role").asString()).isEqualTo("admin");

        // an admin may not make owners nor touch the owner
        assertThat(api.patch("/api/v1/members/" + memberId, Map.of("role", "owner"), token(member))
                        .status())
                .isEqualTo(403);
        assertThat(api.delete("/api/v1/members/" + ownerId, token(member)).status())
                .isEqualTo(403);

        var demoteSelf = api.patch("/api/v1/members/" + ownerId, Map.of("role", "admin"), token(owner));
        assertThat(demoteSelf.status()).isEqualTo(409);
        assertThat(demoteSelf.json().get("type").asString()).endsWith("/last-owner");
        var removeSelf = api.delete("/api/v1/members/" + ownerId, token(owner));
        assertThat(removeSelf.status()).isEqualTo(409);

        // with a second owner the first may step down
        assertThat(api.patch("/api/v1/members/" + memberId, Map.of("role", "owner"), token(owner))
                        .status())
                .isEqualTo(200);
        assertThat(api.patch("/api/v1/members/" + ownerId, Map.of("role", "admin"), token(owner))
                        .status())
                .isEqualTo(200);

        var audit = api.get("/api/v1/audit-events?action=member.", token(member))
                .json()
                .get("items")
                .findValuesAsString("action");
        assertThat(audit).contains("member.role_changed", "member.invited", "member.joined");
    }

    @Test
    void removedMemberLosesAccessImmediately() throws Exception {
        var owner = signup("Removal");
        var member = inviteAndAccept(owner, "agent");
        assertThat(api.get("/api/v1/members", token(member)).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/members/" + member.get("user").get("id").asString(), token(owner))
                        .status())
                .isEqualTo(204);
        // tokens are refused at once on this node (membership cache evicted) and refresh is revoked
        assertThat(api.get("/api/v1/members", token(member)).status()).isEqualTo(401);
        assertThat(api.post(
                                "/api/v1/auth/refresh",
                                Map.of(
                                        "refreshToken",
                                        member.get("refreshToken").asString()),
                                null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void agentsCannotInviteAndUnknownMembersAre404() {
        var owner = signup("Agents");
        var agent = inviteAndAccept(owner, "agent");
        assertThat(api.post("/api/v1/invitations", Map.of("email", "x@y.test", "role", "viewer"), token(agent))
                        .status())
                .isEqualTo(403);
        assertThat(api.patch("/api/v1/members/" + UUID.randomUUID(), Map.of("role", "viewer"), token(owner))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void revokedInvitationCannotBeAccepted() {
        var owner = signup("Revoked invites");
        String email = "r-" + UUID.randomUUID() + "@example.test";
        var invite = api.post("/api/v1/invitations", Map.of("email", email, "role", "viewer"), token(owner))
                .json();
        String inviteToken = MailboxSupport.latestLinkToken(api, token(owner), email, "/invite?token=");
        assertThat(api.delete("/api/v1/invitations/" + invite.get("id").asString(), token(owner))
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/auth/invitations/" + inviteToken, null).status())
                .isEqualTo(404);
    }

    @Test
    void passwordResetMailSetsANewPasswordAndSignsOutEverywhere() {
        var owner = signup("Reset");
        String email = owner.get("user").get("email").asString();
        assertThat(api.post("/api/v1/auth/password-reset", Map.of("email", email), null)
                        .status())
                .isEqualTo(202);
        assertThat(api.post(
                                "/api/v1/auth/password-reset",
                                Map.of("email", "nobody-" + UUID.randomUUID() + "@x.test"),
                                null)
                        .status())
                .isEqualTo(202);
        String resetToken = MailboxSupport.latestLinkToken(api, token(owner), email, "/reset-password?token=");
        var weak = api.post(
                "/api/v1/auth/password-reset/confirm", Map.of("token", resetToken, "password", "qwertyuiop"), null);
        assertThat(weak.status()).isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/auth/password-reset/confirm",
                                Map.of("token", resetToken, "password", "a brand new passphrase"),
                                null)
                        .status())
                .isEqualTo(204);
        assertThat(api.post(
                                "/api/v1/auth/password-reset/confirm",
                                Map.of("token", resetToken, "password", "another new passphrase"),
                                null)
                        .status())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/auth/refresh",
                                Map.of("refreshToken", owner.get("refreshToken").asString()),
                                null)
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/v1/auth/login", Map.of("email", email, "password", "a brand new passphrase"), null)
                        .status())
                .isEqualTo(200);
    }
}
