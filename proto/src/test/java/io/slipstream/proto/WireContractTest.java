package io.slipstream.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our .proto files must be wire-identical to the official protocol, recorded as data in
 * {@code src/test/resources/wire-contract.json} (a copy of the project's spec).
 */
class WireContractTest {

    private static final List<FileDescriptor> OURS = List.of(
            ma.streaming.open_data.v1.OpenData.getDescriptor(),
            ma.streaming.api.v1.Api.getDescriptor(),
            ma.streaming.key_generator.v1.KeyGenerator.getDescriptor());

    @SuppressWarnings("unchecked")
    private static Map<String, Object> contract() throws Exception {
        try (InputStream in = WireContractTest.class.getResourceAsStream("/wire-contract.json")) {
            return new ObjectMapper().readValue(in, Map.class);
        }
    }

    @Test
    void ourProtosMatchTheOfficialContractExactly() throws Exception {
        List<String> diffs = WireContract.differences(contract(), WireContract.reduce(OURS), "");
        assertEquals(List.of(), diffs, "our .proto files differ from wire-contract.json");
    }

    @Test
    void theContractCoversEveryPackageAndService() throws Exception {
        Map<String, Object> c = contract();
        assertEquals(101, ((Map<?, ?>) c.get("messages")).size());
        assertEquals(11, ((Map<?, ?>) c.get("enums")).size());
        assertEquals(6, ((Map<?, ?>) c.get("services")).size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRenamedFieldAChangedNumberOrAMissingRpcIsCaught() throws Exception {
        Map<String, Object> ours = WireContract.reduce(OURS);

        Map<String, Object> renamed = deepCopy(ours);
        Map<String, Object> packet = (Map<String, Object>) ((Map<String, Object>) renamed.get("messages"))
                .get("ma.streaming.open_data.v1.Packet");
        packet.put("sessionKey", packet.remove("session_key"));
        assertTrue(WireContract.differences(contract(), renamed, "")
                .contains("missing messages / ma.streaming.open_data.v1.Packet / session_key"));

        Map<String, Object> renumbered = deepCopy(ours);
        Map<String, Object> marker = (Map<String, Object>) ((Map<String, Object>) renumbered.get("messages"))
                .get("ma.streaming.open_data.v1.MarkerPacket");
        ((Map<String, Object>) marker.get("label")).put("number", 30);
        assertEquals(List.of("messages / ma.streaming.open_data.v1.MarkerPacket / label / number: expected 3, found 30"),
                WireContract.differences(contract(), renumbered, ""));

        Map<String, Object> noRpc = deepCopy(ours);
        ((Map<String, Object>) ((Map<String, Object>) noRpc.get("services"))
                .get("ma.streaming.api.v1.PacketWriterService")).remove("WriteDataPackets");
        assertEquals(List.of("missing services / ma.streaming.api.v1.PacketWriterService / WriteDataPackets"),
                WireContract.differences(contract(), noRpc, ""));

        Map<String, Object> streamingChanged = deepCopy(ours);
        ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) streamingChanged.get("services"))
                .get("ma.streaming.api.v1.PacketReaderService")).get("ReadPackets")).put("server_streaming", false);
        assertEquals(1, WireContract.differences(contract(), streamingChanged, "").size());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map ? deepCopy((Map<String, Object>) v) : v));
        return out;
    }
}
