package io.switchboard.shared.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.switchboard.shared.ApiProblem;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Token buckets kept in PostgreSQL (Bucket4j) so a limit holds across every node. A limit of {@code
 * n} per {@code window} refills gradually; when the bucket is empty the caller gets 429 with {@code
 * Retry-After}.
 */
@Component
public class RateLimiter {

    private final ProxyManager<String> buckets;

    public RateLimiter(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .build();
    }

    /** Takes one token or throws a 429 problem naming the limit. */
    public void consume(String key, int limit, Duration window, String message) {
        var probe = bucket(key, limit, window).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw ApiProblem.tooManyRequests(message, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** Takes one token if there is one; answers whether it did (for callers that answer politely instead of 429). */
    public boolean tryConsume(String key, int limit, Duration window) {
        return bucket(key, limit, window).tryConsume(1);
    }

    /** Fails with 429 when the bucket is already empty, without taking a token. */
    public void requireAvailable(String key, int limit, Duration window, String message) {
        var bucket = bucket(key, limit, window);
        if (bucket.getAvailableTokens() < 1) {
            var probe = bucket.estimateAbilityToConsume(1);
            throw ApiProblem.tooManyRequests(message, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /**
     * Blocks until one send may happen under {@code ratePerSecond} for this key. Capacity 1 spaces
     * permits evenly, so no one-second window ever holds more than the rate, across every node.
     */
    public void awaitPermit(String key, double ratePerSecond) throws InterruptedException {
        long intervalNanos = Math.max(1, Math.round(1_000_000_000d / ratePerSecond));
        var configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(1).refillGreedy(1, Duration.ofNanos(intervalNanos)))
                .build();
        var bucket = buckets.builder().build(key + "@" + intervalNanos, () -> configuration);
        while (true) {
            var probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return;
            }
            Thread.sleep(Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 100_000)));
        }
    }

    private io.github.bucket4j.distributed.BucketProxy bucket(String key, int limit, Duration window) {
        var configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, window))
                .build();
        return buckets.builder().build(key, () -> configuration);
    }
}
