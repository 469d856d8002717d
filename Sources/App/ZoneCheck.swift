import AmplsimRender
import AmplsimZoneFile

/// `zone-check`: a zone file read through the zone-file module, its records counted by type.
package struct ZoneCheck {
    /// The file as given (the reports name it so).
    package let file: String
    package let contents: ZoneFileContents

    /// Reads `file`; a file that cannot be read is bad input.
    package init(file: String, origin: String?, maxErrors: Int) throws(CommandFailure) {
        self.file = file
        do {
            contents = try ZoneFileReader(origin: origin, maxErrors: maxErrors).read(path: file)
        } catch {
            throw .badInput(error.description)
        }
    }

    /// The number of records, of errors, and of records of each type, as text.
    package var text: String {
        let counts = recordCountsByType(contents.records)
        var out = "\(file): \(contents.records.count) records"
        out += contents.errors.isEmpty ? "\n" : ", \(contents.errors.count) error\(contents.errors.count == 1 ? "" : "s")\n"
        for (type, count) in counts { out += "  \(MatrixTable.pad(type.name, 10)) \(count)\n" }
        return out
    }

    /// The counts and every error with its line, as JSON.
    package var json: String {
        let counts = recordCountsByType(contents.records)
        var json = JSONText()
        json.beginObject()
        json.field("version", 1)
        json.field("file", file)
        json.field("records", contents.records.count)
        json.key("types")
        json.beginObject()
        for (type, count) in counts { json.field(type.name, count) }
        json.endObject()
        json.key("errors")
        json.beginArray()
        for error in contents.errors {
            json.beginObject()
            json.field("line", error.line)
            json.field("message", error.message)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text + "\n"
    }
}
