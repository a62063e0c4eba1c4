package io.switchboard.knowledge.internal;

/** How many word pieces the embedding model sees in a text. */
interface TokenCounter {
    int count(String text);
}
