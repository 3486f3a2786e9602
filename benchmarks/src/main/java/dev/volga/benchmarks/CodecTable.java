package dev.volga.benchmarks;

import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Prints the tables of {@link CodecBench} (Nodul) and {@link ClodoCodecBench} (Clodo XML) from JMH's JSON result file. */
public final class CodecTable {

    private CodecTable() {
    }

    /**
     * @param args the JMH result file ({@code -rf json -rff FILE})
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        JsonNode runs = Wire.JSON.readTree(Files.readAllBytes(Path.of(args[0])));
        Map<String, double[]> rows = new LinkedHashMap<>();
        System.out.println("## 5. Codec (JMH, 1 fork, 3×2 s warm-up, 5×2 s measurement, -prof gc)");
        System.out.println();
        System.out.println("| body | decode | ops/µs | ± | B/op | ÷ plain data | target |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        for (JsonNode run : runs) {
            String benchmark = run.get("benchmark").asString();
            String method = benchmark.replaceAll(".*\\.", "");
            String body = benchmark.contains("ClodoCodecBench") ? "clodo" : run.get("params").get("body").asString();
            double score = num(run.get("primaryMetric").get("score"));
            double error = num(run.get("primaryMetric").get("scoreError"));
            JsonNode secondary = run.get("secondaryMetrics");
            JsonNode alloc = secondary.has("gc.alloc.rate.norm") ? secondary.get("gc.alloc.rate.norm") : secondary.get("·gc.alloc.rate.norm");
            double bytes = alloc == null ? Double.NaN : num(alloc.get("score"));
            rows.put(body + "/" + method, new double[] {score, error, bytes});
        }
        for (String body : new String[] {"plans", "quotas"}) {
            double[] plainData = rows.get(body + "/plainData");
            for (String method : new String[] {"envelope", "treeThenBind", "plainData"}) {
                double[] r = rows.get(body + "/" + method);
                if (r == null || plainData == null) {
                    continue;
                }
                String label = switch (method) {
                    case "envelope" -> "Volga `NodulCodec.decode` (envelope)";
                    case "treeThenBind" -> "before: tree, then data from the tree";
                    default -> "plain Jackson, `data` alone";
                };
                double ratio = r[0] / plainData[0];
                String target = method.equals("envelope") ? (ratio >= 0.9 ? "met" : "**missed**") + " (≥ 0.90×)" : "";
                System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %,.0f | %s | %s |%n", body, label, r[0], r[1], r[2],
                        method.equals("plainData") ? "" : String.format(Locale.ROOT, "%.2f×", ratio), target);
            }
        }
        System.out.println();
        if (rows.containsKey("clodo/plainModel")) {
            clodo(rows);
        }
    }

    /** The Clodo rows: {@code servers().list()}'s decode vs plain Jackson XML into the same record. */
    private static void clodo(Map<String, double[]> rows) {
        System.out.println("### Clodo `GET /servers` XML (the Overhead harness's body, 2 servers) to `List<Server>`");
        System.out.println();
        System.out.println("| decode | ops/µs | ± | µs/op | B/op | ÷ plain, same record | target |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        double[] plain = rows.get("clodo/plainModel");
        for (String method : new String[] {"servers", "serversJacksonTree", "plainModel", "plainRaw"}) {
            double[] r = rows.get("clodo/" + method);
            if (r == null) {
                continue;
            }
            String label = switch (method) {
                case "servers" -> "Volga `ClodoCodec` (decode, items, convertAll to `Server`)";
                case "serversJacksonTree" -> "the same without `XmlTree` (Jackson XML tree, normalised)";
                case "plainModel" -> "plain Jackson XML into the same `Server` record";
                default -> "plain Jackson XML into the Overhead raw-lean contender's 7-field class";
            };
            double ratio = r[0] / plain[0];
            String target = method.equals("servers") ? (ratio >= 0.9 ? "met" : "**missed**") + " (≥ 0.90×)" : "";
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.1f | %,.0f | %s | %s |%n", label, r[0], r[1], 1 / r[0], r[2],
                    method.equals("plainModel") ? "" : String.format(Locale.ROOT, "%.2f×", ratio), target);
        }
        double[] fast = rows.get("clodo/servers");
        double[] former = rows.get("clodo/serversJacksonTree");
        if (fast != null && former != null) {
            System.out.println();
            System.out.printf(Locale.ROOT, "`XmlTree` (fast path) vs the Jackson XML tree path, same codec: %.2f× the ops/s, %.2f× the B/op.%n",
                    fast[0] / former[0], fast[2] / former[2]);
        }
        System.out.println();
    }

    /** JMH writes "NaN" as a string. */
    private static double num(JsonNode n) {
        return n.isNumber() ? n.doubleValue() : Double.parseDouble(n.asString());
    }
}
