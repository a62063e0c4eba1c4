/**
 * Contacts: the people an organisation talks to, their identities on each channel, consent and
 * opt-out, tags and attributes. Other modules resolve contacts through {@link
 * io.switchboard.contacts.ContactDirectory}.
 */
@ApplicationModule(displayName = "Contacts")
@NullMarked
package io.switchboard.contacts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
