package dev.volga.clodo.internal;

import java.util.Map;

/** Writes a {@link WireBody} as Clodo's XML: attributes first, then child elements in order. */
final class XmlWriter {

    private XmlWriter() {
    }

    static String write(WireBody body) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        sb.append('<').append(body.root());
        body.attributes().forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(escape(String.valueOf(v))).append('"'));
        if (body.scalar() != null) {
            sb.append('>').append(escape(body.scalar())).append("</").append(body.root()).append('>');
        } else if (body.fields().isEmpty()) {
            sb.append("/>");
        } else {
            sb.append('>');
            children(sb, body.fields());
            sb.append("</").append(body.root()).append('>');
        }
        return sb.toString();
    }

    private static void children(StringBuilder sb, Map<String, Object> fields) {
        fields.forEach((name, value) -> {
            sb.append('<').append(name).append('>');
            if (value instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) m;
                children(sb, nested);
            } else {
                sb.append(escape(String.valueOf(value)));
            }
            sb.append("</").append(name).append('>');
        });
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
