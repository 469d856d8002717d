import AmplsimImport
import Foundation
import Testing

/// Input that is not Resource Graph output or not a plan: a clear error naming the file (and for
/// JSON the path), exit status 2, nothing written.
@Suite struct BadInputTests {
    static func file(_ bytes: [UInt8], name: String = "input.json") throws -> String {
        let path = (try temporaryPath() as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func file(_ text: String, name: String = "input.json") throws -> String { try file(Array(text.utf8), name: name) }

    func azureError(_ path: String) -> String {
        do { _ = try AzureImporter(paths: [path]).build(); return "no error" } catch { return error.description }
    }

    func planError(_ path: String) -> String {
        do { _ = try TerraformImporter.read(path: path); return "no error" } catch { return error.description }
    }

    @Test func htmlErrorPage() throws {
        let path = try BadInputTests.file("<!DOCTYPE html>\n<html><head><title>Sign in to your account</title></head><body></body></html>\n")
        #expect(azureError(path) == "\(path):1: error: the file is an HTML or XML page titled \"Sign in to your account\", not Azure Resource Graph output or an `az` listing (an error page saved in place of the command's output?)")
    }

    @Test func truncatedJSON() throws {
        let path = try BadInputTests.file("{\"count\": 2, \"data\": [\n  {\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v\",\n   \"type\": \"microsoft.network/virtualnetworks\", \"properties\": {\"addressSpace\": {\"addressPrefixes\": [\"10.0.")
        #expect(azureError(path) == "\(path):3: error: JSON: the file ends in the middle of a value (truncated?)")
    }

    @Test func utf16FromPowerShell() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "{\"data\": []}".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let path = try BadInputTests.file(bytes)
        #expect(azureError(path).hasPrefix("\(path): error: the file is UTF-16 text"))
        var noBOM: [UInt8] = []
        for unit in "[{\"id\": 1}]".utf16 { noBOM += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(azureError(try BadInputTests.file(noBOM)).contains("UTF-16"))
    }

    @Test func pathOfAWrongValue() throws {
        let rows = """
        {"data": [
          {"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v", "name": "v", "type": "microsoft.network/virtualnetworks",
           "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "subnets": [{"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/a", "properties": {"addressPrefix": "10.0.1.0/24"}}]}},
          {"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/privateEndpoints/pe", "name": "pe", "type": "microsoft.network/privateendpoints",
           "properties": {"subnet": {"id": 12}, "privateLinkServiceConnections": [{"properties": {"privateLinkServiceId": "/subscriptions/s/resourceGroups/g/providers/microsoft.insights/privateLinkScopes/a"}}]}},
          {"id": "/subscriptions/s/resourceGroups/g/providers/microsoft.insights/privateLinkScopes/a", "name": "a", "type": "microsoft.insights/privatelinkscopes", "properties": {}}
        ]}
        """
        let path = try BadInputTests.file(rows)
        #expect(azureError(path) == "\(path): error: data[1].properties.subnet.id: expected a string, found a number")
        let cidr = try BadInputTests.file(rows.replacingOccurrences(of: "10.0.0.0/16", with: "10.0.0.0/33"))
        #expect(azureError(cidr) == "\(cidr): error: data[0].properties.addressSpace.addressPrefixes[0]: '10.0.0.0/33' is not an IPv4 CIDR")
    }

    @Test func notResourceGraphOutput() throws {
        let path = try BadInputTests.file("{\"error\": {\"code\": \"AuthorizationFailed\", \"message\": \"The client does not have authorization\"}}")
        #expect(azureError(path) == "\(path): error: an Azure error response, not Azure Resource Graph output or an `az` listing: The client does not have authorization")
        let plan = importFixture("plan-delete-endpoint.json")
        #expect(azureError(plan) == "\(plan): error: this is Terraform JSON, not Azure Resource Graph output or an `az` listing: use `amplsim import terraform`")
    }

    @Test func stateFileInsteadOfAPlan() throws {
        let raw = try BadInputTests.file("{\"version\": 4, \"terraform_version\": \"1.9.5\", \"serial\": 3, \"lineage\": \"x\", \"outputs\": {}, \"resources\": []}")
        #expect(planError(raw) == "\(raw): error: a Terraform state file, not a plan: run `terraform plan -out PLAN` and `terraform show -json PLAN`")
        let shown = try BadInputTests.file("{\"format_version\": \"1.0\", \"terraform_version\": \"1.9.5\", \"values\": {\"root_module\": {}}}")
        #expect(planError(shown) == "\(shown): error: `terraform show -json` of a state, not of a plan (no resource_changes): run `terraform show -json PLANFILE`")
    }

    @Test func formatVersionTwo() throws {
        let path = try BadInputTests.file("{\"format_version\": \"2.0\", \"resource_changes\": []}")
        #expect(planError(path) == "\(path): error: format_version: plan format 2.0: this amplsim reads format 1.x")
    }

    @Test func planPathOfAWrongValue() throws {
        let text = try String(contentsOfFile: importFixture("plan-spoke-override.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"subnet_id\": \"/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke2/subnets/snet-pe\"",
                                  with: "\"subnet_id\": [\"x\"]")
        let path = try BadInputTests.file(text)
        #expect(planError(path).contains("error: resource_changes["))
        #expect(planError(path).hasSuffix(".change.after.subnet_id: expected a string, found a list"))
    }

    @Test func commandLineExitsTwoAndWritesNothing() throws {
        let folder = try temporaryPath()
        let out = (folder as NSString).appendingPathComponent("estate")
        let html = try BadInputTests.file("<html><body>502 Bad Gateway</body></html>")
        let run = try amplsim(["import", "azure", importFixture("hub-spoke-resources.json"), html, "--out", out])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(html):1: error: the file is an HTML or XML page"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        let state = try BadInputTests.file("{\"version\": 4, \"lineage\": \"x\", \"resources\": []}")
        let plan = try amplsim(["import", "terraform", state, "--out", out])
        #expect(plan.status == 2)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func commandLineWritesTheFolder() throws {
        let out = (try temporaryPath() as NSString).appendingPathComponent("estate")
        let run = try amplsim(["import", "azure"] + hubSpokeFiles + ["--out", out])
        #expect(run.status == 0)
        let zones = try FileManager.default.contentsOfDirectory(atPath: (out as NSString).appendingPathComponent("zones")).sorted()
        #expect(zones.count == 5 && zones.allSatisfy { $0.hasSuffix(".zone") })
        #expect(run.stderr.contains("unmapped: ") && run.stderr.contains("pe-stshared01-blob"))
        // A second run refuses the non-empty folder without --force, and replaces it with it.
        #expect(try amplsim(["import", "azure"] + hubSpokeFiles + ["--out", out]).status == 2)
        #expect(try amplsim(["import", "azure"] + hubSpokeFiles + ["--out", out, "--force"]).status == 0)
        let simulate = try amplsim(["simulate", (out as NSString).appendingPathComponent("topology.yaml"), "--format", "json"])
        #expect(simulate.status == 0)
        // No --out with zone files to write: a usage error.
        #expect(try amplsim(["import", "azure"] + hubSpokeFiles).status == 64)
        let plan = try amplsim(["import", "terraform", importFixture("plan-spoke-override.json"), "--out", out, "--force"])
        #expect(plan.status == 0)
        let whatIf = try amplsim(["what-if", (out as NSString).appendingPathComponent("topology.yaml"), "--scenario", (out as NSString).appendingPathComponent("scenario.yaml")])
        #expect(whatIf.status == 1)
    }
}
