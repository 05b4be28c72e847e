package org.saathi.api;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Clinical data is read strictly: an unknown field, a craving of {@code 8.5} or {@code "8"}, or a
 * key given twice is a 400, never silently rounded, coerced or dropped; nor is text PostgreSQL
 * cannot store.
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
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new SimpleModule("saathi-text").addDeserializer(String.class, new TextWithoutNul()));
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
}
