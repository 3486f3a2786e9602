package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonAlias;
import dev.volga.api.Secret;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A server (VPS) in the list, the detailed list or alone; fields the answer lacks are null.
 *
 * @param id the VPS number
 * @param name the title
 * @param imageId the OS image id
 * @param type {@link ServerType#VIRTUAL} or {@link ServerType#SCALE}
 * @param status the status, an open value
 * @param osType OS family, e.g. {@code debian}
 * @param osBits 32 or 64
 * @param addresses IP addresses
 * @param memory memory in MB (Scale: lower bound)
 * @param memoryMax Scale upper memory bound in MB
 * @param osTitle OS title
 * @param osVersion OS version
 * @param vnc VNC {@code ip:port}
 * @param vncPassword VNC password
 * @param cpuLoad CPU load, %
 * @param cpuMax CPU MHz
 * @param cpuHourMin CPU load minimum of the last hour, %
 * @param cpuHourMax CPU load maximum of the last hour, %
 * @param memLoad memory load, %
 * @param memMax memory allocated, MB
 * @param memHourMin memory minimum of the last hour, MB
 * @param memHourMax memory maximum of the last hour, MB
 * @param diskLoad disk load, %
 * @param hddLoad disk used, MB
 * @param hddMax disk size, GB
 * @param createDate first start (Moscow time)
 * @param billingDate paid until (VirtualServer)
 * @param updateDate last start
 * @param uptimeText uptime as text, e.g. {@code (31 день)}
 * @param rootPassword default root password
 * @param userPassword default user password
 * @param traffic bought traffic package, GB (also read from {@code vps_traf})
 * @param trafficUsed remaining of the bought package
 * @param trafficFree free package
 * @param trafficUsedFree remaining of the free package
 */
public record Server(
        Long id,
        String name,
        @JsonProperty("imageId") Long imageId,
        String type,
        ServerStatus status,
        String osType,
        Integer osBits,
        Addresses addresses,
        @JsonProperty("vps_memory") Integer memory,
        @JsonProperty("vps_memory_max") Integer memoryMax,
        @JsonProperty("vps_os_title") String osTitle,
        @JsonProperty("vps_os_version") String osVersion,
        @JsonProperty("vps_vnc") String vnc,
        @JsonProperty("vps_vnc_pass") Secret vncPassword,
        @JsonProperty("vps_cpu_load") BigDecimal cpuLoad,
        @JsonProperty("vps_cpu_max") Integer cpuMax,
        @JsonProperty("vps_cpu_1h_min") BigDecimal cpuHourMin,
        @JsonProperty("vps_cpu_1h_max") BigDecimal cpuHourMax,
        @JsonProperty("vps_mem_load") BigDecimal memLoad,
        @JsonProperty("vps_mem_max") Integer memMax,
        @JsonProperty("vps_mem_1h_min") BigDecimal memHourMin,
        @JsonProperty("vps_mem_1h_max") BigDecimal memHourMax,
        @JsonProperty("vps_disk_load") BigDecimal diskLoad,
        @JsonProperty("vps_hdd_load") BigDecimal hddLoad,
        @JsonProperty("vps_hdd_max") Integer hddMax,
        @JsonProperty("vps_createdate") LocalDateTime createDate,
        @JsonProperty("vps_billingdate") LocalDateTime billingDate,
        @JsonProperty("vps_update") LocalDateTime updateDate,
        @JsonProperty("vps_update_days") String uptimeText,
        @JsonProperty("vps_root_pass") Secret rootPassword,
        @JsonProperty("vps_user_pass") Secret userPassword,
        @JsonProperty("vps_traff") @JsonAlias({"vps_traf"}) String traffic,
        @JsonProperty("vps_traff_used") String trafficUsed,
        @JsonProperty("vps_traff_free") String trafficFree,
        @JsonProperty("vps_traff_used_free") String trafficUsedFree) {
}
