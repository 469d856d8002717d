import AmplsimRender
import Testing

/// JSON strings (RFC 8259 section 7): `"`, `\` and U+0000–U+001F are escaped, nothing else. The
/// writer checks eight bytes at a time, so each special character is tried at every offset of a
/// word and in the tail.
@Suite struct JSONTextTests {
    private func quoted(_ s: String) -> String {
        var json = JSONText()
        json.string(s)
        return json.text
    }

    @Test func escapesEachSpecialCharacterAtEveryOffset() {
        let cases: [(Character, String)] = [
            ("\"", "\\\""), ("\\", "\\\\"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"),
            ("\u{00}", "\\u0000"), ("\u{01}", "\\u0001"), ("\u{1F}", "\\u001f"),
        ]
        for (special, escaped) in cases {
            for length in [1, 7, 8, 9, 16, 23] {
                for offset in 0..<length {
                    let before = String(repeating: "a", count: offset)
                    let after = String(repeating: "b", count: length - offset - 1)
                    #expect(quoted(before + String(special) + after) == "\"" + before + escaped + after + "\"",
                            "\(special.unicodeScalars.first!.value) at \(offset) of \(length)")
                }
            }
        }
    }

    @Test func leavesNeighboursOfTheSpecialBytesAlone() {
        // 0x20 (space), 0x21, 0x23 (around `"` 0x22), 0x5B, 0x5D (around `\` 0x5C), 0x7F, and
        // multi-byte UTF-8, each in a word of its own and mixed.
        let plain = " !#[]\u{7F}é→ spoke-0120 answers 10.1.2.3; scope-0 does not hold law-0001"
        #expect(quoted(plain) == "\"" + plain + "\"")
        for piece in [" ", "!", "#", "[", "]", "\u{7F}", "é", "→"] {
            let word = String(repeating: piece, count: 9)
            #expect(quoted(word) == "\"" + word + "\"")
        }
    }
}
