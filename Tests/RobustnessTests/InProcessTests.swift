import AmplsimTestSupport
import AmplsimTopology
import AmplsimZoneFile
import Foundation
import Testing

extension Robustness {
    /// The loaders called in this process on every bad input, and on the inputs fuzzing found
    /// (Fuzz/regressions): each must end in its error, and under `make sanitize` (AddressSanitizer
    /// with LeakSanitizer, ThreadSanitizer) without a report: no leak on any error path, ldns's
    /// included.
    @Suite("Bad inputs read in process: errors, no leaks")
    struct InProcessTests {
        private static let bad = packageRoot.appendingPathComponent("Fixtures/bad")

        private static func files(in folder: URL, _ include: (String) -> Bool) -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter(include).sorted()
        }

        /// Zone files of Fixtures/bad that are bad only inside a topology (README.md).
        private static let goodAlone: Set = ["zone-cname-beside-data.zone", "zone-record-outside-origin.zone"]

        static let zoneFiles = files(in: bad) { $0.hasPrefix("zone-") }
        static let topologies = files(in: bad) { $0.hasPrefix("topology-") }

        @Test("every bad zone file gives an error", arguments: zoneFiles)
        func badZoneFile(_ name: String) {
            let path = Self.bad.appendingPathComponent(name).path
            var errors: [ZoneFileError]
            do {
                errors = try ZoneFileReader(maxErrors: 20).read(path: path).errors
            } catch {
                errors = [error]
            }
            if Self.goodAlone.contains(name) {
                #expect(errors.isEmpty, "\(name): \(errors)")
            } else {
                #expect(!errors.isEmpty, "\(name) read without an error")
                #expect(errors.allSatisfy { $0.path == path && !$0.message.isEmpty }, "\(errors)")
            }
            // As a topology reads its zone files: an origin, stopping at the first error.
            let first = try? ZoneFileReader(origin: "privatelink.monitor.azure.com", maxErrors: 1).read(path: path)
            #expect((first?.errors.count ?? 0) <= 1)
        }

        @Test("every bad topology is refused by the loader", arguments: topologies)
        func badTopology(_ name: String) {
            let path = Self.bad.appendingPathComponent(name).path
            #expect(throws: InputError.self, "\(name) loaded") {
                _ = try TopologyLoader().load(path: path)
            }
        }

        /// Found by fuzzing the topology loader: an empty file was read through Foundation, whose
        /// reader leaks its 4 KiB buffer on a file of no bytes (LeakSanitizer reported it). An
        /// empty regular file is now refused from its size, before it is read.
        @Test("an empty topology file is refused, every time")
        func emptyTopology() throws {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("empty.yaml").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            for _ in 0..<3 {
                #expect(throws: InputError(file: path, line: 0, message: "the topology file is empty")) {
                    _ = try TopologyLoader().load(path: path)
                }
            }
            // A file of one byte is read, and is no topology.
            #expect(FileManager.default.createFile(atPath: path, contents: Data("\n".utf8)))
            #expect(throws: InputError.self) { _ = try TopologyLoader().load(path: path) }
        }

        static let zoneRegressions = files(in: packageRoot.appendingPathComponent("Fuzz/regressions/zone-file")) {
            $0 != "README.md"
        }
        static let topologyRegressions = files(in: packageRoot.appendingPathComponent("Fuzz/regressions/topology")) {
            $0 != "README.md"
        }

        @Test("zone-file inputs fuzzing found are read, in pieces as whole", arguments: zoneRegressions)
        func zoneRegression(_ name: String) throws {
            let path = packageRoot.appendingPathComponent("Fuzz/regressions/zone-file/\(name)").path
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let whole = ZoneFileReader(maxErrors: 20).read(bytes: bytes, path: "input.zone")
            let first = ZoneFileReader(maxErrors: 1).read(bytes: bytes, path: "input.zone")
            #expect(first.errors == Array(whole.errors.prefix(1)))
            #expect(first.records == Array(whole.records.prefix(first.records.count)))
            _ = try? ZoneFileReader(maxErrors: 20).read(path: path)
        }

        @Test("topology inputs fuzzing found are loaded or refused", arguments: topologyRegressions)
        func topologyRegression(_ name: String) {
            let path = packageRoot.appendingPathComponent("Fuzz/regressions/topology/\(name)").path
            do {
                _ = try TopologyLoader().load(path: path)
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
    }
}
