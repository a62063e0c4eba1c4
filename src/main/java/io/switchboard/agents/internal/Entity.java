package io.switchboard.agents.internal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Something recognised in a message.
 *
 * @param type email, phone, datetime, date, time, number, amount, or the name of a custom list or regex
 * @param text the words as written
 * @param value normalised: lower-case email, E.164-ish phone, ISO-8601 date/time, plain number, "12.50 EUR"
 */
@Schema(name = "AgentEntity")
record Entity(String type, String text, String value, int start, int end) {}
