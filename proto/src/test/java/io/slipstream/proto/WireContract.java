package io.slipstream.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reduces compiled descriptors to the shape of {@code wire-contract.json}: messages (field name → number, type,
 * label, oneof), enums (value → number) and services (method → input, output, streaming kinds); and lists the
 * differences between two such shapes.
 */
final class WireContract {

    private WireContract() {
    }

    /** messages, enums, services; each a map from full name to its members. */
    static Map<String, Object> reduce(List<FileDescriptor> files) {
        Map<String, Object> messages = new TreeMap<>();
        Map<String, Object> enums = new TreeMap<>();
        Map<String, Object> services = new TreeMap<>();
        for (FileDescriptor file : files) {
            for (Descriptor m : file.getMessageTypes()) {
                addMessage(m, messages, enums);
            }
            for (EnumDescriptor e : file.getEnumTypes()) {
                addEnum(e, enums);
            }
            for (ServiceDescriptor s : file.getServices()) {
                Map<String, Object> methods = new TreeMap<>();
                for (MethodDescriptor md : s.getMethods()) {
                    Map<String, Object> m = new TreeMap<>();
                    m.put("client_streaming", md.isClientStreaming());
                    m.put("server_streaming", md.isServerStreaming());
                    m.put("input", md.getInputType().getFullName());
                    m.put("output", md.getOutputType().getFullName());
                    methods.put(md.getName(), m);
                }
                services.put(s.getFullName(), methods);
            }
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("messages", messages);
        out.put("enums", enums);
        out.put("services", services);
        return out;
    }

    private static void addMessage(Descriptor d, Map<String, Object> messages, Map<String, Object> enums) {
        Map<String, Object> fields = new TreeMap<>();
        for (FieldDescriptor f : d.getFields()) {
            Map<String, Object> field = new HashMap<>();
            field.put("number", f.getNumber());
            field.put("label", f.isRepeated() ? "repeated" : "optional");
            OneofDescriptor oneof = f.getRealContainingOneof();
            field.put("oneof", oneof == null ? null : oneof.getName());
            field.put("type", typeName(f));
            fields.put(f.getName(), field);
        }
        messages.put(d.getFullName(), fields);
        for (Descriptor nested : d.getNestedTypes()) {
            addMessage(nested, messages, enums);
        }
        for (EnumDescriptor e : d.getEnumTypes()) {
            addEnum(e, enums);
        }
    }

    private static void addEnum(EnumDescriptor e, Map<String, Object> enums) {
        Map<String, Object> values = new TreeMap<>();
        for (EnumValueDescriptor v : e.getValues()) {
            values.put(v.getName(), v.getNumber());
        }
        enums.put(e.getFullName(), values);
    }

    private static String typeName(FieldDescriptor f) {
        return switch (f.getType()) {
            case MESSAGE, GROUP -> f.getMessageType().getFullName();
            case ENUM -> f.getEnumType().getFullName();
            default -> f.getType().name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Lists every difference between an expected and an actual shape, one line each, naming the path.
     * JSON numbers arrive as Integer/Long and booleans as Boolean, so values are compared by their text.
     */
    static List<String> differences(Object expected, Object actual, String path) {
        List<String> out = new ArrayList<>();
        diff(expected, actual, path, out);
        return out;
    }

    private static void diff(Object expected, Object actual, String path, List<String> out) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            TreeSet<String> keys = new TreeSet<>();
            e.keySet().forEach(k -> keys.add(String.valueOf(k)));
            a.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String k : keys) {
                String p = path.isEmpty() ? k : path + " / " + k;
                if (!e.containsKey(k)) {
                    out.add("unexpected " + p);
                } else if (!a.containsKey(k)) {
                    out.add("missing " + p);
                } else {
                    diff(e.get(k), a.get(k), p, out);
                }
            }
        } else if (!Objects.equals(String.valueOf(expected), String.valueOf(actual))) {
            out.add(path + ": expected " + expected + ", found " + actual);
        }
    }
}
