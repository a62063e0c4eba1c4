package io.switchboard.contacts.internal;

import io.switchboard.contacts.ContactBook;
import io.switchboard.contacts.internal.ContactService.ContactInput;
import io.switchboard.contacts.internal.ContactService.ContactView;
import io.switchboard.shared.ApiProblem;
import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** {@link ContactBook} over the same service the HTTP API uses, with the same bean validation. */
@Service
class ContactBookService implements ContactBook {

    private final ContactService contacts;
    private final Validator validator;

    ContactBookService(ContactService contacts, Validator validator) {
        this.contacts = contacts;
        this.validator = validator;
    }

    @Override
    public PageResponse<ContactSummary> search(@Nullable String query, PageQuery page) {
        return contacts.list(page, query, null).map(ContactBookService::summary);
    }

    @Override
    public ContactSummary create(NewContact contact) {
        var input = new ContactInput(
                contact.name(),
                contact.phone(),
                contact.email(),
                contact.countryCode(),
                contact.tags(),
                null,
                null,
                null,
                contact.notes());
        var violation = validator.validate(input).stream().findFirst();
        if (violation.isPresent()) {
            throw ApiProblem.invalidField(
                    violation.get().getPropertyPath().toString(),
                    violation.get().getMessage());
        }
        return summary(contacts.create(input));
    }

    private static ContactSummary summary(ContactView v) {
        return new ContactSummary(
                v.id(), v.name(), v.phone(), v.email(), v.countryCode(), v.tags(), v.optedOut(), v.createdAt());
    }
}
