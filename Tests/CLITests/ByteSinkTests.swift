import AmplsimEngine
@testable import AmplsimRender
import Testing

/// The audit's JSON writer appends through `ByteSink`, which must write the bytes `JSONText`
/// writes: strings escaped per RFC 8259 section 7 (`"`, `\` and U+0000–U+001F, nothing else),
/// whole numbers in decimal with a minus sign, addresses as dotted quads. Each is checked against
/// the definition, and the sink against `JSONText`, across the sink's growth.
@Suite struct ByteSinkTests {
    private func written(_ body: (ByteSink) -> Void) -> String {
        let sink = ByteSink(capacity: 1)   // grows on the first appends: growth is exercised too
        var pieces: [UInt8] = []
        body(sink)
        sink.drain { pieces += $0 }
        return String(decoding: pieces, as: UTF8.self)
    }

    @Test func numbersAreTheirDecimalText() {
        let values = [0, 7, 9, 10, 99, 100, 12345, -1, -10, -987654321, Int.max, Int.min]
        for value in values {
            #expect(written { $0.appendDigits(value) } == String(value))
        }
    }

    @Test func addressesAreDottedQuads() {
        for text in ["0.0.0.0", "10.0.0.1", "192.168.100.255", "255.255.255.255", "1.22.3.44"] {
            let address = IPv4Address(text)!
            #expect(written { $0.appendDotted(address) } == text)
            #expect(address.description == text)
        }
    }

    @Test func stringsAreQuotedAsJSONTextQuotesThem() {
        let samples = ["", "plain", "h0.z000.privatelink.monitor.azure.com", "say \"hi\"", "back\\slash",
                       "line\nbreak\ttab\r", "\u{01}\u{1F}", "é and 日本", String(repeating: "x", count: 5000) + "\"",
                       "sixteen bytes!!!", "exactly 8"]
        for s in samples {
            var json = JSONText()
            json.string(s)
            #expect(written { $0.appendQuoted(s) } == json.text, "\(s.prefix(20))")
        }
    }

    @Test func piecesKeepEveryByteInOrder() {
        // Many small appends, drained now and then: the concatenation is the text in order.
        let sink = ByteSink(capacity: 16)
        var out: [UInt8] = []
        var expected = ""
        for i in 0..<2000 {
            sink.append("{\"n\":")
            sink.appendDigits(i)
            sink.append(UInt8(ascii: "}"))
            expected += "{\"n\":\(i)}"
            if i % 97 == 0 { sink.drain { out += $0 } }
        }
        sink.drain { out += $0 }
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }
}
