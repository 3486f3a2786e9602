package dev.volga.benchmarks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.volga.clodo.model.Server;
import dev.volga.nodul.model.Plan;
import tools.jackson.core.JsonParser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.xml.XmlMapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;

import java.util.List;

/**
 * What a hand-written client binds the same bodies to: the contenders (raw Reactor Netty, Spring
 * WebClient, JDK HttpClient) read the Nodul envelope into {@link PlansEnvelope} (its plans are
 * Volga's own {@link Plan} record, so the element binding is the same work) and Clodo's XML into
 * {@link RawServers}, in one pass, with plain Jackson.
 */
public final class Wire {

    /** Plain Jackson for JSON, unknown properties ignored. */
    public static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** Plain Jackson for XML, unknown properties ignored. */
    public static final XmlMapper XML = XmlMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /**
     * Plain Jackson XML as a hand-written Clodo client would set it up to bind Volga's own model
     * records: snake_case names, unknown properties ignored, {@code "1"} read as true (XML's
     * {@code primary_ip="1"}: the one coercion the {@code /servers} body needs). No other leniency
     * and no error document check.
     */
    public static final XmlMapper CLODO_XML = XmlMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("bits").addDeserializer(Boolean.class, new ValueDeserializer<Boolean>() {
                @Override
                public Boolean deserialize(JsonParser p, DeserializationContext ctxt) {
                    String s = p.getString().trim();
                    return s.equals("1") || s.equalsIgnoreCase("true");
                }
            }))
            .build();
    /**
     * {@link #CLODO_XML} reading Clodo's {@code /servers} list into Volga's own {@link Server}
     * records, so that the element binding is the same work as Volga's, as the Nodul contenders
     * bind Volga's {@link Plan}.
     */
    public static final ObjectReader SERVERS_AS_RECORDS = CLODO_XML.readerFor(new TypeReference<List<Server>>() { });

    private Wire() {
    }

    /**
     * Nodul's envelope around {@code /plans}.
     *
     * @param success the flag
     * @param requestId the request id
     * @param data the payload
     * @param errors the errors
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlansEnvelope(@JsonProperty("success") boolean success, @JsonProperty("request_id") String requestId,
                                @JsonProperty("data") PlansData data, @JsonProperty("errors") List<Object> errors) {

        /** @return the plans; fails like a client would on {@code success:false} */
        public List<Plan> plans() {
            if (!success || data == null) {
                throw new IllegalStateException("success:false " + errors);
            }
            return data.plans();
        }
    }

    /** @param plans the plans */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlansData(@JsonProperty("plans") List<Plan> plans) {
    }

    /** Clodo's {@code <servers>} list. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class RawServers {
        /** The servers. */
        @JacksonXmlElementWrapper(useWrapping = false)
        @JsonProperty("server")
        public List<RawServer> server;
    }

    /** One {@code <server>} of the list, the fields D1 lists. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class RawServer {
        /** VPS number. */
        @JsonProperty("id") public long id;
        /** Title. */
        @JsonProperty("name") public String name;
        /** Image. */
        @JsonProperty("imageId") public long imageId;
        /** Type. */
        @JsonProperty("type") public String type;
        /** Status. */
        @JsonProperty("status") public String status;
        /** OS family. */
        @JsonProperty("os_type") public String osType;
        /** OS bits. */
        @JsonProperty("os_bits") public int osBits;
    }
}
