package io.switchboard.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ZipContactExportUnitTests {

    @Test
    void holdersWriteJsonAndFilesUnderTheirFolderAndCannotEscapeIt() throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            var archive = new ZipContactExport(zip, JsonMapper.builder().build());
            var part = archive.part("calls");
            part.json("calls.json", Map.of("transcript", "hello"));
            part.file("recordings/call-1.mp3", new ByteArrayInputStream(new byte[] {1, 2, 3}));

            assertThatThrownBy(() -> part.json("../contact/contact.json", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> part.file("/etc/passwd", new ByteArrayInputStream(new byte[0])))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> part.json("calls.json", Map.of()))
                    .as("the same entry twice")
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(archive.files()).isOne();
        }

        List<String> names = new ArrayList<>();
        String json = null;
        try (var in = new ZipInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                byte[] content = in.readAllBytes();
                if (e.getName().endsWith(".json")) json = new String(content, StandardCharsets.UTF_8);
            }
        }
        assertThat(names).containsExactly("calls/calls.json", "calls/recordings/call-1.mp3");
        assertThat(json).contains("\"transcript\"", "hello");
    }
}
