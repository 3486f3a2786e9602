package dev.volga.endocs.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A .NET {@code KeyValuePair<int, List<T>>} as the feeds send it: {@code {"Key":…,"Value":[…]}}
 * (.NET Core 3.x) or {@code {"key":…,"value":[…]}} (.NET 5+); a null value means empty.
 *
 * @param key the count
 * @param value the items, or null
 * @param <T> the item type
 */
public record KeyValue<T>(@JsonProperty("Key") Integer key, @JsonProperty("Value") List<T> value) {
}
