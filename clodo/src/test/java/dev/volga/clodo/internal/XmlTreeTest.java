package dev.volga.clodo.internal;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.xml.stream.XMLInputFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link XmlTree} against the former path it shortcuts (Jackson XML's tree under the root's name, normalised:
 * {@link ClodoCodec#xmlTree}):
 * wherever it gives a tree, the tree is the former one, in the same order; everywhere else it
 * steps aside.
 */
class XmlTreeTest {

    private final ClodoCodec codec = new ClodoCodec(ClodoCodec.Wire.XML, null);
    /** The XML mapper's own (coalescing) factory, as the codec uses it. */
    private final XMLInputFactory factory = tools.jackson.dataformat.xml.XmlFactory.builder()
            .xmlInputFactory(ClodoCodec.safeInputFactory()).build().getXMLInputFactory();

    /** @return the former tree's text, or "!" when the former path fails */
    private String former(byte[] body) {
        try {
            return codec.xmlTree(body).toString();
        } catch (RuntimeException e) {
            return "!";
        }
    }

    /**
     * Jackson XML before 3.2 reads a root holding only whitespace as an empty object; 3.2 keeps the
     * whitespace, and so does the one-pass reading (the tree is the same on both versions).
     */
    private static final boolean BLANK_ROOT_IS_EMPTY = isBefore32(tools.jackson.dataformat.xml.XmlMapper.builder().build().version());

    private static boolean isBefore32(tools.jackson.core.Version v) {
        return v.getMajorVersion() < 3 || (v.getMajorVersion() == 3 && v.getMinorVersion() < 2);
    }

    private JsonNode check(String doc) {
        byte[] body = doc.getBytes(StandardCharsets.UTF_8);
        JsonNode fast = XmlTree.read(factory, body);
        if (fast != null) {
            JsonNode rootValue = fast.properties().iterator().next().getValue();
            if (BLANK_ROOT_IS_EMPTY && rootValue.isString() && rootValue.asString().isBlank() && !rootValue.asString().isEmpty()) {
                assertEquals("{\"" + fast.properties().iterator().next().getKey() + "\":{}}", former(body), doc);
                return fast;
            }
            assertEquals(former(body), fast.toString(), doc);
            assertEquals(codec.xmlTree(body), fast, doc);
        }
        return fast;
    }

    @Test
    void plainDocumentsAreReadInOnePassAndGiveTheFormerTree() {
        for (String doc : List.of(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<servers>\n  <server>\n    <id>60</id>\n    <name>main</name>\n"
                        + "    <addresses>\n      <public>\n        <ip addr=\"188.127.237.202\" primary_ip=\"1\"/>\n"
                        + "        <ip addr=\"188.127.237.203\"/>\n      </public>\n    </addresses>\n  </server>\n</servers>\n",
                "<a/>", "<a></a>", "<a>  </a>", "<a> x </a>", "<a>\n x \n</a>", "<a>x&amp;y</a>", "<a>x<![CDATA[y]]>z</a>",
                "<a b=\"1\"/>", "<a b=\"1\">t</a>", "<a b=\"1\"> </a>", "<a b=\"1\"><c>2</c></a>",
                "<a><b>1</b><c>2</c><b>3</b><b>4</b></a>", "<a><b>1</b><b><x>1</x></b></a>", "<a b=\"1\"><b>2</b></a>",
                "<a><b/><b/></a>", "<a><b></b><c> </c></a>", "<a><b><c/></b></a>", "<a><b> <c>1</c> </b></a>",
                "<?xml version=\"1.0\"?><!-- c --><a>1</a>", "<a><b>1</b><b>2</b><c><b>3</b></c></a>", "<a><b c=\"\"/></a>",
                "<a><b>&#x41;</b></a>", "<a><b><c>1</c></b><b>2</b></a>", "<a><b>\t</b></a>", "<a><b>1</b><b/></a>",
                "<a><b/><b>1</b></a>", "<a><b>x</b>\n<b>y</b>\n</a>", "<a><b c=\"1\">text</b><b c=\"2\"/></a>",
                "<a><b><c>1</c><c>2</c></b></a>", "<a>1</a><!-- c -->\n", "\uFEFF<a>1</a>",
                "<Unauthorized code=\"401\"><message>Unauthorized</message><details>token</details></Unauthorized>",
                "<NotFound><code>404</code><message>no such server</message></NotFound>",
                "<a><message>Привет, мир</message></a>")) {
            assertNotNull(check(doc), doc);
        }
    }

    @Test
    void anythingElseGoesTheFormerWay() {
        for (String doc : List.of(
                "<a>t<b>1</b>u</a>", "<a><b>1</b> t </a>", "<a><!-- c --><b>1</b></a>", "<a><b>x<!-- c -->y</b></a>",
                "<a><b xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/></a>",
                "<a><_attr><x>1</x></_attr></a>", "<a _attr=\"1\"/>", "<a>1<?pi x?>2</a>", "<p:a xmlns:p=\"u\"><p:b>1</p:b></p:a>",
                "<a xmlns=\"u\"><b>1</b></a>", "<a xml:lang=\"ru\">1</a>", "<?pi?><a/>",
                "<a>1</a><b/>", "<a>1</a>junk", "<a><b>1</b></a>&amp;", "<a>1</a></x>", "<a><b>&nbsp;</b></a>", "<a><b>1</b>",
                "<a>".repeat(100) + "</a>".repeat(100), "<a>".repeat(100_000), "not xml", "<", "<a b=1/>")) {
            assertNull(check(doc), doc);
        }
        byte[] invalidUtf8 = {'<', 'a', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'a', '>'};
        assertNull(XmlTree.read(factory, invalidUtf8));
    }

    @Test
    void randomDocumentsGiveTheFormerTreeWheneverTheyAreReadInOnePass() {
        Random random = new Random(7);
        int fast = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder doc = new StringBuilder();
            if (random.nextInt(3) == 0) {
                doc.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            }
            doc.append(pick(random, "", "", "\n", "<!-- p -->", " \n "));
            element(doc, random, 0);
            doc.append(pick(random, "", "", "", "\n", "<!-- e -->", " ", "<x/>", "x"));
            if (check(doc.toString()) != null) {
                fast++;
            }
        }
        assertTrue(fast > 5_000, "the one-pass reading took only " + fast + " of 20,000 documents");
    }

    private static final String[] NAMES = {"a", "b", "ip", "server", "id", "name", "x-y", "b"};
    private static final String[] ATTRIBUTES = {"id", "addr", "primary_ip", "b", "ip", "name"};
    private static final String[] TEXTS = {"1", " x ", "", " ", "\n  ", "a&amp;b", "<![CDATA[c<d]]>", "&#x41;", "Москва",
        "&lt;tag&gt;", "17.550", "\t"};

    private static void element(StringBuilder doc, Random random, int depth) {
        String name = random.nextInt(200) == 0 ? pick(random, "_attr", "p:x", "xsi:nil") : NAMES[random.nextInt(NAMES.length)];
        doc.append('<').append(name);
        int attributes = random.nextInt(5) == 0 ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < attributes; i++) {
            String attribute = random.nextInt(100) == 0 ? pick(random, "_attr", "xml:lang", "xmlns:p") : ATTRIBUTES[random.nextInt(ATTRIBUTES.length)];
            if (doc.indexOf(" " + attribute + "=", doc.lastIndexOf("<")) < 0) {
                doc.append(' ').append(attribute).append("=\"").append(pick(random, "1", "", " v ", "a&amp;b", "0")).append('"');
            }
        }
        int shape = depth >= 4 ? random.nextInt(3) : random.nextInt(6);
        switch (shape) {
            case 0 -> doc.append("/>");
            case 1 -> doc.append('>').append(TEXTS[random.nextInt(TEXTS.length)]).append("</").append(name).append('>');
            case 2 -> doc.append("></").append(name).append('>');
            default -> {
                doc.append('>');
                int children = 1 + random.nextInt(4);
                for (int i = 0; i < children; i++) {
                    doc.append(random.nextInt(30) == 0 ? pick(random, "t", "<!-- c -->", "<?pi?>") : pick(random, "", "\n  ", " "));
                    element(doc, random, depth + 1);
                }
                doc.append(pick(random, "", "\n", " ")).append("</").append(name).append('>');
            }
        }
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }
}
