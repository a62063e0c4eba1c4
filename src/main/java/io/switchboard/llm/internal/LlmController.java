package io.switchboard.llm.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.switchboard.identity.CurrentPrincipal;
import io.switchboard.identity.Role;
import io.switchboard.llm.internal.ProviderStore.StoredProvider;
import io.switchboard.shared.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/llm")
@Tag(name = "LLM providers")
class LlmController {

    private final ProviderStore store;
    private final ProviderRegistry registry;
    private final CircuitBreakers breakers;
    private final ProviderTester tester;
    private final PriceBook prices;
    private final UsageReport usage;

    LlmController(
            ProviderStore store,
            ProviderRegistry registry,
            CircuitBreakers breakers,
            ProviderTester tester,
            PriceBook prices,
            UsageReport usage) {
        this.store = store;
        this.registry = registry;
        this.breakers = breakers;
        this.tester = tester;
        this.prices = prices;
        this.usage = usage;
    }

    record LlmProvider(
            UUID id,

            @Schema(description = "openai, anthropic, gemini or ollama")
            String type,

            String name,

            @Nullable @Schema(description = "the configured base URL; null means the provider's default")
            String baseUrl,

            String effectiveBaseUrl,
            String model,
            @Nullable Double temperature,
            @Nullable Integer maxOutputTokens,
            boolean enabled,

            @Schema(description = "an API key is stored; the key itself is never returned")
            boolean hasApiKey,

            @Schema(description = "organization, or environment for the server's own keys (read-only)")
            String source,

            @Schema(description = "closed, open (cooling down after failures) or half_open")
            String circuitState,

            @Nullable Instant createdAt) {}

    record CreateLlmProviderRequest(
            @NotBlank @Schema(description = "openai, anthropic, gemini or ollama")
            String type,

            @NotBlank @Size(max = 100) String name,

            @Nullable
            @Size(max = 500)
            @Schema(description = "API root, e.g. https://api.groq.com/openai/v1; empty = the provider's default")
            String baseUrl,

            @Nullable @Size(max = 500) @Schema(description = "write-only")
            String apiKey,

            @Nullable @Size(max = 200) String model,
            @Nullable Double temperature,
            @Nullable Integer maxOutputTokens,
            @Nullable Boolean enabled) {}

    record UpdateLlmProviderRequest(
            @Nullable @Size(max = 100) String name,

            @Nullable @Size(max = 500) @Schema(description = "empty = the provider's default")
            String baseUrl,

            @Nullable @Size(max = 500) @Schema(description = "write-only; empty removes the key, absent keeps it")
            String apiKey,

            @Nullable @Size(max = 200) String model,
            @Nullable Double temperature,
            @Nullable Integer maxOutputTokens,
            @Nullable Boolean enabled) {}

    record LlmProviderType(
            String type, String displayName, String defaultBaseUrl, String defaultModel, boolean requiresApiKey) {}

    record LlmStatusProvider(
            UUID id, String name, String type, String model, boolean enabled, String source, String circuitState) {}

    record LlmStatus(
            @Schema(
                    description =
                            "offline: only the built-in extractive responder answers; providers: at least one provider is enabled")
            String mode,

            List<LlmStatusProvider> providers) {}

    record LlmPrice(
            @NotBlank @Size(max = 200) String model,
            @NotNull @PositiveOrZero Long inputMicrosPerMillion,
            @NotNull @PositiveOrZero Long outputMicrosPerMillion,

            @Nullable @Schema(description = "default or organization", accessMode = Schema.AccessMode.READ_ONLY)
            String source) {}

    record LlmPriceTable(@NotNull @Size(max = 500) List<@Valid LlmPrice> prices) {}

    @GetMapping("/provider-types")
    @Operation(summary = "Provider types this server supports, with their defaults")
    List<LlmProviderType> types() {
        return registry.all().stream()
                .map(f -> new LlmProviderType(
                        f.type(), f.displayName(), f.defaultBaseUrl(), f.defaultModel(), f.requiresApiKey()))
                .toList();
    }

    @GetMapping("/providers")
    @Operation(
            summary = "The organisation's providers, then the server's environment providers; keys are never returned")
    List<LlmProvider> list() {
        return store.list(CurrentPrincipal.get().orgId()).stream()
                .map(this::view)
                .toList();
    }

    @PostMapping("/providers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a provider (admins); the API key is stored encrypted")
    LlmProvider create(@Valid @RequestBody CreateLlmProviderRequest request) {
        return view(store.create(
                request.type(),
                request.name(),
                request.baseUrl(),
                request.apiKey(),
                request.model(),
                request.temperature(),
                request.maxOutputTokens(),
                request.enabled()));
    }

    @GetMapping("/providers/{id}")
    @Operation(summary = "One provider")
    LlmProvider get(@PathVariable UUID id) {
        return view(store.get(CurrentPrincipal.get().orgId(), id));
    }

    @PatchMapping("/providers/{id}")
    @Operation(summary = "Change a provider (admins); send apiKey only to replace it")
    LlmProvider update(@PathVariable UUID id, @Valid @RequestBody UpdateLlmProviderRequest request) {
        store.get(CurrentPrincipal.get().orgId(), id);
        store.requireOwn(id);
        return view(store.update(
                id,
                new ProviderStore.Changes(
                        request.name(),
                        request.baseUrl(),
                        request.apiKey(),
                        request.model(),
                        request.temperature(),
                        request.maxOutputTokens(),
                        request.enabled())));
    }

    @DeleteMapping("/providers/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a provider (admins); chains that name it skip it from then on")
    void delete(@PathVariable UUID id) {
        store.get(CurrentPrincipal.get().orgId(), id);
        store.requireOwn(id);
        store.delete(id);
    }

    @PostMapping("/providers/{id}/test")
    @Operation(
            summary = "Make a tiny real call to the provider",
            description =
                    "Answers 502 (auth refused, unreachable, rejected) or 504 (timeout) as Problem Details when the call fails")
    ProviderTester.ProviderTestResult test(@PathVariable UUID id) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        return tester.test(principal.orgId(), store.get(principal.orgId(), id));
    }

    @GetMapping("/status")
    @Operation(summary = "Which mode is active (offline or providers) and the circuit state of each provider")
    LlmStatus status() {
        var providers = store.list(CurrentPrincipal.get().orgId()).stream()
                .map(p -> new LlmStatusProvider(
                        p.config().id(),
                        p.config().name(),
                        p.config().type(),
                        p.config().model(),
                        p.enabled(),
                        p.fromEnvironment() ? "environment" : "organization",
                        breakers.state(p.config().id())))
                .toList();
        boolean any = providers.stream().anyMatch(LlmStatusProvider::enabled);
        return new LlmStatus(any ? "providers" : "offline", providers);
    }

    @GetMapping("/prices")
    @Operation(
            summary = "Price per million tokens (in micros) for each model: defaults and the organisation's overrides")
    LlmPriceTable prices() {
        return new LlmPriceTable(prices.list(CurrentPrincipal.get().orgId()).stream()
                .map(p -> new LlmPrice(p.model(), p.inputMicrosPerMillion(), p.outputMicrosPerMillion(), p.source()))
                .toList());
    }

    @PutMapping("/prices")
    @Transactional
    @Operation(
            summary =
                    "Replace the organisation's prices (admins); rows equal to the default are not stored as overrides")
    LlmPriceTable putPrices(@Valid @RequestBody LlmPriceTable table) {
        CurrentPrincipal principal = CurrentPrincipal.get().require(Role.ADMIN);
        var seen = new java.util.HashSet<String>();
        for (int i = 0; i < table.prices().size(); i++) {
            String model = table.prices().get(i).model().trim();
            if (!seen.add(model.toLowerCase(java.util.Locale.ROOT))) {
                throw ApiProblem.invalidField("prices[" + i + "].model", "is listed twice");
            }
        }
        prices.replace(
                principal.orgId(),
                table.prices().stream()
                        .map(r -> new PriceBook.Price(
                                r.model().trim(),
                                r.inputMicrosPerMillion(),
                                r.outputMicrosPerMillion(),
                                "organization"))
                        .toList());
        return prices();
    }

    @GetMapping("/usage")
    @Operation(
            summary =
                    "Provider calls, tokens and cost per day and provider (UTC days, both ends included; default the last 30 days)")
    UsageReport.LlmUsage usage(
            @Parameter(description = "first day, e.g. 2026-11-01") @RequestParam(required = false) @Nullable
                    LocalDate from,
            @Parameter(description = "last day, included") @RequestParam(required = false) @Nullable LocalDate to) {
        LocalDate last = to == null ? LocalDate.now(java.time.ZoneOffset.UTC) : to;
        LocalDate first = from == null ? last.minusDays(29) : from;
        if (first.isAfter(last)) throw ApiProblem.invalidField("from", "must not be after to");
        if (first.plusDays(366).isBefore(last))
            throw ApiProblem.invalidField("from", "the range may span at most 366 days");
        return usage.report(CurrentPrincipal.get().orgId(), first, last);
    }

    private LlmProvider view(StoredProvider p) {
        var c = p.config();
        return new LlmProvider(
                c.id(),
                c.type(),
                c.name(),
                p.configuredBaseUrl(),
                c.baseUrl(),
                c.model(),
                c.temperature(),
                c.maxOutputTokens(),
                p.enabled(),
                p.hasApiKey(),
                p.fromEnvironment() ? "environment" : "organization",
                breakers.state(c.id()),
                p.createdAt());
    }
}
