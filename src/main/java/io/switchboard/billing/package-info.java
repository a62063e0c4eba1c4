/**
 * Plans, quotas, the prepaid credit ledger (holds, settlements) and Stripe. Other modules reserve and
 * settle credits through {@link io.switchboard.billing.Credits} and ask {@link
 * io.switchboard.billing.Quotas} before metered work.
 */
@ApplicationModule(displayName = "Billing")
@NullMarked
package io.switchboard.billing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
