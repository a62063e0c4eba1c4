package io.switchboard.billing;

/** balance = available + held; all in minor units of {@code currency}. */
public record CreditBalance(long balanceMinor, long availableMinor, long heldMinor, String currency) {}
