@testable import AmplsimTopology
import Testing
import Yams

/// The loader decides whether a plain scalar is null or a boolean from its text, without Yams's
/// regular expressions (`YAMLValue.tagIs`). Its answer must be Yams's own (the default resolver
/// the loader composes with) for every kind of scalar: each null and bool word, near misses
/// (other case, a space, YAML 1.1 words Yams does not take), numbers, timestamps, `<<` and `=`,
/// and the same words quoted or tagged, which are strings.
@Suite("YAML tags: null and bool without regular expressions")
struct YAMLTagTests {
    static let plain = ["~", "null", "Null", "NULL", "nUll", "nil", "None",
                        "yes", "Yes", "YES", "yEs", "no", "No", "NO", "y", "n", "Y", "N",
                        "true", "True", "TRUE", "tRue", "false", "False", "FALSE",
                        "on", "On", "ON", "off", "Off", "OFF", "oN",
                        "10", "0x1f", "0o17", "+3", "1_000", "3.5", ".inf", ".NaN", "<<", "=",
                        "2001-12-14", "hub", "10.0.0.0/16", "privatelink.monitor.azure.com", "spoke-1"]

    func value(_ text: String) throws -> YAMLValue {
        let node = try #require(try Yams.compose(yaml: "v: \(text)\n")?.mapping?["v"], "no value in \(text)")
        return YAMLValue(node: node, path: "v", file: "t.yaml")
    }

    @Test(arguments: plain + [""] + plain.flatMap { ["'\($0)'", "\"\($0)\"", "!!str \($0)"] })
    func sameTagAsYams(_ text: String) throws {
        for name in [Tag.Name.null, .bool] {
            // Yams keeps a resolved tag in the node, so each answer comes from a node of its own
            // parse: the shortcut's from one nothing has resolved, Yams's from another.
            let expected = try value(text).node.tag.description == name.rawValue
            #expect(try value(text).tagIs(name) == expected, "\(name.rawValue) for \(text.debugDescription)")
        }
    }

    /// The cases the shortcut decides must include both answers for both tags.
    @Test func coversBothAnswers() throws {
        #expect(try value("NULL").tagIs(.null) && !value("nil").tagIs(.null))
        #expect(try value("Off").tagIs(.bool) && !value("oN").tagIs(.bool) && !value("'true'").tagIs(.bool))
    }
}
