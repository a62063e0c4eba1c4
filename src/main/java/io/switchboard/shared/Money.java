package io.switchboard.shared;

import java.math.BigDecimal;
import java.util.Currency;

/** Integer minor units shown as people read them, with the currency's own number of decimals. */
public final class Money {

    private Money() {}

    /** 1234, USD -> "12.34"; 1234, JPY -> "1234"; an unknown currency gets two decimals. */
    public static String decimal(long minor, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    /** 1234, USD -> "12.34 USD". */
    public static String format(long minor, String currency) {
        return decimal(minor, currency) + " " + currency;
    }
}
