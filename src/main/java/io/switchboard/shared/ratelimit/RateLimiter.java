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

    /** Fails with 429 when the bucket is already empty, without taking a token. */
    public void requireAvailable(String key, int limit, Duration window, String message) {
        var bucket = bucket(key, limit, window);
        if (bucket.getAvailableTokens() < 1) {
            var probe = bucket.estimateAbilityToConsume(1);
            throw ApiProblem.tooManyRequests(message, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private io.github.bucket4j.distributed.BucketProxy bucket(String key, int limit, Duration window) {
        var configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, window))
                .build();
        return buckets.builder().build(key, () -> configuration);
    }
}
