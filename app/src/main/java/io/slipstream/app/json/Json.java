package io.slipstream.app.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The app's one place that turns values into JSON, on Jackson: the run summary ({@code --summary-json}),
 * {@code inspect --json}, and whatever JSON comes next, all written the same way.
 *
 * <p>Pretty output keeps the layout the summary always had ({@code "key": value}, two-space indent, one array
 * element per line, {@code {}} and {@code []} when empty), so that scripts reading it line by line keep working.
 * A NaN or infinite number is written as {@code null}: JSON has no such numbers.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("finite-numbers").addSerializer(Double.class, new FiniteDouble()))
            .build();
    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

    private Json() {
    }

    /**
     * @param value a map, collection, string, number, boolean, record or null
     * @return compact JSON
     */
    public static String write(Object value) {
        return write(COMPACT, value);
    }

    /**
     * @param value a map, collection, string, number, boolean, record or null
     * @return JSON indented by two spaces
     */
    public static String pretty(Object value) {
        return write(PRETTY, value);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter twoSpaces = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(separators);
        printer.indentObjectsWith(twoSpaces);
        printer.indentArraysWith(twoSpaces);
        return printer;
    }

    /** Writes NaN and the infinities as {@code null}, which every JSON reader accepts. */
    private static final class FiniteDouble extends StdSerializer<Double> {

        FiniteDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isNaN() || value.isInfinite()) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
