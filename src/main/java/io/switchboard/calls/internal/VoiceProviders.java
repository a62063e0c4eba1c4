package io.switchboard.calls.internal;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The active provider (Bland when a key is set, else the simulator) and lookup by id for existing calls. */
@Component
class VoiceProviders {

    private final CallProperties properties;
    private final @Nullable BlandProvider bland;
    private final VoiceProvider simulator = new SimulatorProvider();

    VoiceProviders(CallProperties properties, JsonMapper json) {
        this.properties = properties;
        this.bland = properties.blandEnabled()
                ? new BlandProvider(properties.blandBase(), properties.blandApiKey(), json)
                : null;
    }

    String activeId() {
        return properties.mode();
    }

    VoiceProvider get(String id) {
        if (id.equals("bland")) {
            if (bland == null) throw new IllegalStateException("Bland is not configured (BLAND_API_KEY)");
            return bland;
        }
        return simulator;
    }

    /** The simulator's dial only names the call; {@link CallLifecycle} plays it with durable steps. */
    private static final class SimulatorProvider implements VoiceProvider {
        @Override
        public String id() {
            return "simulator";
        }

        @Override
        public DialResult dial(CallRow call, @Nullable String webhookUrl) {
            return new DialResult.Dialed("sim-" + call.id());
        }

        @Override
        public void stop(CallRow call) {}

        @Override
        public Optional<Snapshot> fetch(CallRow call) {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> analyze(CallRow call, String goal, List<String> questions) {
            return Optional.empty();
        }
    }
}
