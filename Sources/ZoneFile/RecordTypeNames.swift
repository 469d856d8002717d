internal import CLDNS

/// Type mnemonics from ldns, looked up once for the common codes.
enum RecordTypeNames {
    /// Names of codes 0 to 299, where every type a zone is likely to hold lives.
    private static let low: [String] = (0..<300).map { ldnsName(UInt16($0)) }

    /// The mnemonic of `code`.
    static func name(for code: UInt16) -> String {
        Int(code) < low.count ? low[Int(code)] : ldnsName(code)
    }

    /// The code a mnemonic or "TYPEnnn" names, without regard to case; nil when unknown or when
    /// "TYPE" is followed by anything but a number up to 65535.
    static func code(forMnemonic mnemonic: String) -> UInt16? {
        let upper = mnemonic.uppercased()
        if upper.hasPrefix("TYPE") {
            let digits = upper.utf8.dropFirst(4)
            guard !digits.isEmpty, digits.count <= 5,
                  digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let value = UInt16(Substring(digits))
            else { return nil }
            return value
        }
        let code = upper.withCString { ldns_get_rr_type_by_name($0) }
        guard code.rawValue > 0, code.rawValue <= UInt32(UInt16.max) else { return nil }
        return UInt16(code.rawValue)
    }

    private static func ldnsName(_ code: UInt16) -> String {
        guard let text = ldns_rr_type2str(ldns_rr_type(rawValue: UInt32(code))) else {
            return "TYPE\(code)"
        }
        defer { free(text) }
        return String(cString: text)
    }
}
