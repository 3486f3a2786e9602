package dev.volga.clodo.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;

/**
 * Reads plain XML straight into the tree {@link ClodoCodec#normalise} would make of Jackson XML's
 * {@code readTree} (root name kept), in one pass over the StAX events, without Jackson's token
 * stream, its node deserializer and the normalising copy.
 *
 * <p>It takes only documents whose tree is certain, and says {@code null} for anything else, so
 * that the caller reads those the former way (same tree, same errors): an element holds either
 * child elements (with whitespace around them) or text, never both; no namespace, prefix or
 * {@code xsi:nil}; no comment or processing instruction inside the root; no element or attribute
 * named {@code _attr}; depth, text and names well under Jackson's stream constraints; and any
 * parse error (the former path reports it). What it gives for the rest, as Jackson XML gives it
 * and the normalisation shapes it:
 * <ul>
 *   <li>attributes first, as properties, then child elements in order; a name met again turns
 *       its value into an array (at the first one's place), items in document order;</li>
 *   <li>an element with text only is that text, unchanged (whitespace kept); an empty one is
 *       {@code ""}; the text of an element with attributes is dropped (Jackson's {@code ""}
 *       property, which normalising drops);</li>
 *   <li>the root: {@code {name: content}}, an empty root's content is {@code {}}.</li>
 * </ul>
 * The parser is the XML mapper's own input factory (DTDs off, coalescing), so text and attribute
 * values are the same characters either way.
 *
 * <p>Why it exists beside Jackson XML (kept by issue 19 §5 on {@code benchmarks/run.sh} part 5,
 * {@code ClodoCodecBench}, which decodes the same {@code GET /servers} body both ways in one run):
 * with it {@code servers().list()}'s decode made 0.119 ops/µs and allocated 13,736 B per body;
 * through Jackson XML's {@code readTree} and the normalising copy
 * ({@code ClodoCodec.measured(XML, false)}) 0.087 ops/µs and 18,680 B: 1.37× the throughput
 * (JMH's ± is 25–50 % on the 2 shared cores) and 0.74× the allocation (2026-12-05, load average
 * 3–4; see {@code benchmarks/BENCHMARKS.md}, issue 19 §5).
 */
final class XmlTree {

    /** Deeper documents go the former way (Jackson's constraints allow far more; this is only a fast path). */
    static final int MAX_DEPTH = 64;
    /** Longer texts go the former way. */
    static final int MAX_TEXT = 1 << 20;
    /** Longer names go the former way. */
    static final int MAX_NAME = 256;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private XmlTree() {
    }

    /** An open element. */
    private static final class Frame {
        final String name;
        ObjectNode object;
        String text;
        StringBuilder moreText;
        boolean children;

        Frame(String name) {
            this.name = name;
        }

        void text(String s) {
            if (text == null) {
                text = s;
            } else {
                if (moreText == null) {
                    moreText = new StringBuilder(text);
                }
                moreText.append(s);
            }
        }

        String text() {
            return moreText != null ? moreText.toString() : text;
        }

        int textLength() {
            return moreText != null ? moreText.length() : text == null ? 0 : text.length();
        }

        ObjectNode object() {
            if (object == null) {
                object = NODES.objectNode();
            }
            return object;
        }
    }

    /**
     * @param factory the XML mapper's input factory
     * @param body the body, starting (after whitespace or a BOM) with {@code <}
     * @return the normalised tree, or null when the former path must read this document
     */
    static JsonNode read(XMLInputFactory factory, byte[] body) {
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            return read(r);
        } catch (XMLStreamException | RuntimeException e) {
            return null; // the former path reads it again and reports what it reported
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException | RuntimeException ignored) {
                    // nothing held: the input is an array
                }
            }
        }
    }

    private static JsonNode read(XMLStreamReader r) throws XMLStreamException {
        if (!prolog(r)) {
            return null;
        }
        ArrayList<Frame> open = new ArrayList<>();
        Frame root = open(r);
        if (root == null) {
            return null;
        }
        open.add(root);
        JsonNode rootValue = null;
        while (rootValue == null) {
            Frame current = open.get(open.size() - 1);
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (current.text != null && !isWhitespace(current.text())) {
                        return null; // mixed content
                    }
                    if (open.size() >= MAX_DEPTH) {
                        return null;
                    }
                    current.text = null;
                    current.moreText = null;
                    current.children = true;
                    Frame child = open(r);
                    if (child == null) {
                        return null;
                    }
                    open.add(child);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    String s = r.getText();
                    if (current.children) {
                        if (!isWhitespace(s)) {
                            return null; // mixed content
                        }
                    } else {
                        current.text(s);
                        if (current.textLength() > MAX_TEXT) {
                            return null;
                        }
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    open.remove(open.size() - 1);
                    if (open.isEmpty()) {
                        rootValue = value(current, true);
                    } else {
                        add(open.get(open.size() - 1).object(), current.name, value(current, false));
                    }
                }
                default -> {
                    return null; // comments, processing instructions, entity references inside the root
                }
            }
        }
        while (r.hasNext()) { // the epilog: Jackson reads it too, and fails on anything but comments and whitespace
            int event = r.next();
            if (event == XMLStreamConstants.END_DOCUMENT) {
                break;
            }
            if (event != XMLStreamConstants.COMMENT && event != XMLStreamConstants.SPACE
                    && !(event == XMLStreamConstants.CHARACTERS && isWhitespace(r.getText()))) {
                return null;
            }
        }
        ObjectNode tree = NODES.objectNode();
        tree.set(root.name, rootValue);
        return tree;
    }

    /** Skips to the root element; false for anything but comments and whitespace before it. */
    private static boolean prolog(XMLStreamReader r) throws XMLStreamException {
        int event = r.getEventType();
        while (event != XMLStreamConstants.START_ELEMENT) {
            if (event != XMLStreamConstants.START_DOCUMENT && event != XMLStreamConstants.COMMENT
                    && event != XMLStreamConstants.SPACE
                    && !(event == XMLStreamConstants.CHARACTERS && isWhitespace(r.getText()))) {
                return false;
            }
            if (!r.hasNext()) {
                return false;
            }
            event = r.next();
        }
        return true;
    }

    /** The element just started, its attributes set; null when it is outside the plain shape. */
    private static Frame open(XMLStreamReader r) {
        if (r.getNamespaceCount() != 0 || !plain(r.getNamespaceURI(), r.getPrefix())) {
            return null;
        }
        String name = r.getLocalName();
        if (!plainName(name)) {
            return null;
        }
        Frame f = new Frame(name);
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
            String attribute = r.getAttributeLocalName(i);
            if (!plain(r.getAttributeNamespace(i), r.getAttributePrefix(i)) || !plainName(attribute)) {
                return null;
            }
            add(f.object(), attribute, NODES.stringNode(r.getAttributeValue(i)));
        }
        return f;
    }

    private static boolean plain(String namespace, String prefix) {
        return (namespace == null || namespace.isEmpty()) && (prefix == null || prefix.isEmpty());
    }

    /** Names the normalisation would not touch ({@code _attr} merges, a leading - or @ is cut). */
    private static boolean plainName(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_NAME && !name.equals("_attr")
                && name.charAt(0) != '-' && name.charAt(0) != '@';
    }

    /** The finished element's value in the normalised tree. */
    private static JsonNode value(Frame f, boolean root) {
        if (f.object != null) {
            return f.object; // children and/or attributes; text beside attributes is dropped
        }
        String text = f.text();
        if (text == null) {
            return root ? NODES.objectNode() : NODES.stringNode("");
        }
        return NODES.stringNode(text);
    }

    /** Sets a property; a name already there becomes an array of its values, in place. */
    private static void add(ObjectNode object, String name, JsonNode value) {
        JsonNode old = object.get(name);
        if (old == null) {
            object.set(name, value);
        } else if (old instanceof ArrayNode items) {
            items.add(value);
        } else {
            ArrayNode items = NODES.arrayNode();
            items.add(old);
            items.add(value);
            object.set(name, items);
        }
    }

    /** XML whitespace only (space, tab, CR, LF). */
    private static boolean isWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
