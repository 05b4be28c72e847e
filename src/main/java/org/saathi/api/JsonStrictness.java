package org.saathi.api;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Clinical data is read strictly: an unknown field, a craving of {@code 8.5} or {@code "8"}, or a
 * key given twice is a 400, never silently rounded, coerced or dropped; nor is text PostgreSQL
 * cannot store. Each value must be of its own JSON kind: a stress of {@code " "} is not an
 * unanswered question, a reporter of {@code true} or {@code 1.5} is not a name, a level of
 * {@code 1} is not the second level, and a time of {@code 0} is not 1970.
 */
@Configuration(proxyBeanMethods = false)
class JsonStrictness {

    @Bean
    JsonMapperBuilderCustomizer strictJsonReading() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // An empty or blank string (NUL counts as blank) read as "left out" would lose the answer's refusal.
                .withCoercionConfigDefaults(coercions -> coercions
                        .setAcceptBlankAsEmpty(false)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, coercions -> coercions
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new SimpleModule("saathi-text")
                        .addDeserializer(String.class, new TextWithoutNul())
                        .setDeserializerModifier(new TimesAsText()));
    }

    /** PostgreSQL cannot store a NUL character or a lone surrogate in text: refuse it at the door, naming the field. */
    static final class TextWithoutNul extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = super.deserialize(parser, context);
            if (text != null && !StorableText.isStorable(text)) {
                throw context.weirdStringException(text, String.class, StorableText.MESSAGE);
            }
            return text;
        }
    }

    /**
     * Times and durations are ISO-8601 text. Jackson would otherwise read a number, or text of digits,
     * as seconds since 1970 for a time and as seconds for a duration, which no sender means.
     */
    static final class TimesAsText extends ValueDeserializerModifier {

        @Override
        public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier type,
                ValueDeserializer<?> deserializer) {
            Package home = type.getBeanClass().getPackage();
            return home != null && home.getName().equals("java.time") ? new IsoText(deserializer) : deserializer;
        }
    }

    static final class IsoText extends DelegatingDeserializer {

        IsoText(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new IsoText(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING) || looksLikeANumber(parser.getString())) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            return super.deserialize(parser, context);
        }

        private static boolean looksLikeANumber(String text) {
            return text.strip().chars().allMatch(c -> c == '-' || c == '+' || c == '.' || Character.isDigit(c));
        }
    }
}
