package dev.volga.clodo.internal;

import dev.volga.api.ApiError;
import dev.volga.api.DecodingException;
import dev.volga.clodo.model.Backup;
import dev.volga.clodo.model.DnsZoneCreated;
import dev.volga.clodo.model.Image;
import dev.volga.clodo.model.LogEntry;
import dev.volga.clodo.model.Preset;
import dev.volga.clodo.model.RequestRef;
import dev.volga.clodo.model.RequestStatus;
import dev.volga.clodo.model.RestoreProgress;
import dev.volga.clodo.model.Server;
import dev.volga.clodo.model.ServerCreated;
import dev.volga.clodo.model.Storage;
import dev.volga.clodo.model.StorageCreated;
import dev.volga.clodo.model.Subnet;
import dev.volga.clodo.model.Ticket;
import dev.volga.clodo.model.TicketDetails;
import dev.volga.clodo.model.UserProfile;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields a 200 answer must carry for its value to mean anything: without them a value would be
 * a record of nulls (a {@code Server} with no id) or no value at all (a balance of {@code {}}).
 * A converted value missing one is a {@link DecodingException} naming the operation and the field.
 *
 * <table>
 *   <caption>Required fields (record component names)</caption>
 *   <tr><td>{@code BigDecimal} (balance)</td><td>the value itself</td></tr>
 *   <tr><td>{@link Server}</td><td>id, name</td></tr>
 *   <tr><td>{@link ServerCreated}, {@link Storage}, {@link StorageCreated}, {@link Ticket},
 *       {@link DnsZoneCreated}, {@link LogEntry}, {@link RequestRef}</td><td>id</td></tr>
 *   <tr><td>{@link Image}, {@link Preset}</td><td>id, name</td></tr>
 *   <tr><td>{@link UserProfile}</td><td>id, login</td></tr>
 *   <tr><td>{@link TicketDetails}</td><td>ticket (and its id)</td></tr>
 *   <tr><td>{@link Backup}</td><td>file</td></tr>
 *   <tr><td>{@link Subnet}</td><td>ipSubnet</td></tr>
 *   <tr><td>{@link RequestStatus}</td><td>complete</td></tr>
 *   <tr><td>{@link RestoreProgress}</td><td>progress</td></tr>
 * </table>
 * Other models (lists of lists, reports, statistics, limits) have no required field: an empty one
 * is a true answer. So has {@code storage.update}, whose answer holds only the changed parameters.
 */
final class Required {

    private record Field(String name, Function<Object, Object> get) {
    }

    private static final Map<Class<?>, List<Field>> FIELDS = Map.ofEntries(
            Map.entry(Server.class, List.of(f("id", Server::id), f("name", Server::name))),
            Map.entry(ServerCreated.class, List.of(f("id", ServerCreated::id))),
            Map.entry(Image.class, List.of(f("id", Image::id), f("name", Image::name))),
            Map.entry(Preset.class, List.of(f("id", Preset::id), f("name", Preset::name))),
            Map.entry(Storage.class, List.of(f("id", Storage::id))),
            Map.entry(StorageCreated.class, List.of(f("id", StorageCreated::id))),
            Map.entry(Ticket.class, List.of(f("id", Ticket::id))),
            Map.entry(TicketDetails.class, List.of(f("ticket", TicketDetails::ticket), f("ticket.id", (TicketDetails t) -> t.ticket().id()))),
            Map.entry(DnsZoneCreated.class, List.of(f("id", DnsZoneCreated::id))),
            Map.entry(LogEntry.class, List.of(f("id", LogEntry::id))),
            Map.entry(RequestRef.class, List.of(f("id", RequestRef::id))),
            Map.entry(UserProfile.class, List.of(f("id", UserProfile::id), f("login", UserProfile::login))),
            Map.entry(Backup.class, List.of(f("file", Backup::file))),
            Map.entry(Subnet.class, List.of(f("ipSubnet", Subnet::ipSubnet))),
            Map.entry(RequestStatus.class, List.of(f("complete", RequestStatus::complete))),
            Map.entry(RestoreProgress.class, List.of(f("progress", RestoreProgress::progress))));

    /** Operations whose answer is a partial value by design. */
    private static final java.util.Set<String> PARTIAL = java.util.Set.of("storage.update");

    private Required() {
    }

    @SuppressWarnings("unchecked")
    private static <T> Field f(String name, Function<T, Object> get) {
        return new Field(name, (Function<Object, Object>) get);
    }

    /**
     * @param value the converted value, possibly null
     * @param operation the operation, e.g. {@code servers.get}
     * @param root the answer's root element, e.g. {@code server}
     * @param <T> the type
     * @return the value
     * @throws DecodingException if the value is null or lacks a required field
     */
    static <T> T check(T value, String operation, String root) {
        if (value == null) {
            throw missing(operation + ": the answer has no " + root);
        }
        if (PARTIAL.contains(operation)) {
            return value;
        }
        for (Field field : FIELDS.getOrDefault(value.getClass(), List.of())) {
            if (field.get().apply(value) == null) {
                throw missing(operation + ": the answer's " + root + " has no " + field.name() + ", a required field");
            }
        }
        return value;
    }

    private static DecodingException missing(String message) {
        return new DecodingException(ApiError.builder("clodo").httpStatus(200).message(message).build(), null);
    }
}
