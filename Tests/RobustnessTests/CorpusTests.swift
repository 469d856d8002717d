import Foundation
import Testing

/// What a bad input must print on standard error.
enum ExpectedMessage: Sendable {
    /// Exactly these lines (each ends with a newline).
    case exact(String)
    /// A regular expression the whole of standard error must match. Used only where the tool
    /// misbehaves today and the exact wording of the fix is the implementer's choice: the pattern
    /// pins the file, the line and what the message must say.
    case matching(String)
}

/// One bad input of Fixtures/bad and what a careful user should see.
struct BadInput: Sendable, CustomTestStringConvertible {
    /// The command line after `amplsim`, run in the package root.
    var arguments: [String]
    /// Files of Fixtures/bad this case reads (the topology and any zone file it names).
    var fixtures: [String]
    var stderr: ExpectedMessage
    /// Standard output: empty for every command but `zone-check`, whose documented report
    /// ("FILE: N records, M errors" and the counts by type) precedes the errors; nil where the
    /// expected message is a pattern (the fix may change the counts).
    var stdout: String?

    var testDescription: String { "amplsim " + arguments.joined(separator: " ") }
}

private let bad = "Fixtures/bad/"

/// `amplsim simulate Fixtures/bad/FILE` fails with exactly `message` (one line).
private func topology(_ file: String, _ message: String, also: [String] = []) -> BadInput {
    BadInput(arguments: ["simulate", bad + file], fixtures: [file] + also, stderr: .exact(message + "\n"), stdout: "")
}

/// `amplsim simulate Fixtures/bad/FILE` fails with one line matching `pattern`.
private func topology(_ file: String, matching pattern: String, also: [String] = []) -> BadInput {
    BadInput(arguments: ["simulate", bad + file], fixtures: [file] + also, stderr: .matching(pattern), stdout: "")
}

/// `amplsim zone-check Fixtures/bad/FILE` reports `summary` on standard output and `errors` on
/// standard error.
private func zone(_ file: String, summary: String, _ errors: String...) -> BadInput {
    BadInput(arguments: ["zone-check", bad + file], fixtures: [file],
             stderr: .exact(errors.map { $0 + "\n" }.joined()), stdout: summary)
}

/// Escapes `text` for use in a regular expression.
func literal(_ text: String) -> String {
    var out = ""
    for c in text {
        if "\\^$.|?*+()[]{}/".contains(c) { out.append("\\") }
        out.append(c)
    }
    return out
}

/// The corpus. Where a message is `.exact`, it is today's wording, checked to be clear and
/// correct. Where it is `.matching`, the tool misbehaves today (see Fixtures/bad/README.md).
let corpus: [BadInput] = [
    // MARK: YAML syntax
    topology("topology-yaml-unclosed-bracket.yaml",
             "Fixtures/bad/topology-yaml-unclosed-bracket.yaml:6: error: YAML: while parsing a flow sequence, did not find expected ',' or ']'"),
    topology("topology-yaml-bad-indentation.yaml",
             "Fixtures/bad/topology-yaml-bad-indentation.yaml:5: error: YAML: mapping values are not allowed in this context"),
    // Today: line 4, "found character that cannot start any token" -- the user is not told it is a tab.
    topology("topology-yaml-tab-indentation.yaml",
             matching: "Fixtures/bad/topology-yaml-tab-indentation\\.yaml:4: error: YAML: [^\\n]*\\btab[^\\n]*\\n"),
    // Today: line 5 of a 4-line file (the end of the stream); the quote opens on line 3.
    topology("topology-yaml-unclosed-quote.yaml",
             matching: "Fixtures/bad/topology-yaml-unclosed-quote\\.yaml:3: error: YAML: [^\\n]*quoted scalar[^\\n]*\\n"),
    topology("topology-yaml-undefined-alias.yaml",
             "Fixtures/bad/topology-yaml-undefined-alias.yaml:3: error: YAML: found undefined alias"),
    topology("topology-alias-bomb.yaml",
             "Fixtures/bad/topology-alias-bomb.yaml:3: error: unknown key 'lol0' (expected one of: version, settings, networks, dnsServers, dnsResolvers, forwardingRulesets, zones, workspaces, components, dataCollectionEndpoints, scopes, privateEndpoints, steps, intents)"),
    topology("topology-alias-bomb-in-field.yaml",
             "Fixtures/bad/topology-alias-bomb-in-field.yaml:8: error: scopes[0].resources[0]: expected a string, found a list"),
    topology("topology-syntax-error.json",
             "Fixtures/bad/topology-syntax-error.json:6: error: YAML: while parsing a flow mapping, did not find expected ',' or '}'"),

    // MARK: Not a topology at all
    topology("topology-empty.yaml", "Fixtures/bad/topology-empty.yaml: error: the topology file is empty"),
    topology("topology-only-comments.yaml", "Fixtures/bad/topology-only-comments.yaml: error: the file holds no document"),
    topology("topology-binary-garbage.yaml",
             "Fixtures/bad/topology-binary-garbage.yaml: error: the topology file holds binary data (a NUL byte), not text"),
    // Today: no line ("...: error: the topology file is not UTF-8 text"); the Latin-1 byte is on line 3.
    topology("topology-not-utf8.yaml",
             matching: "Fixtures/bad/topology-not-utf8\\.yaml:3: error: [^\\n]*not UTF-8[^\\n]*\\n"),
    // Today: no line ("...: error: YAML: control characters are not allowed"); the BEL is on line 3.
    topology("topology-control-character.yaml",
             matching: "Fixtures/bad/topology-control-character\\.yaml:3: error: YAML: control characters are not allowed[^\\n]*\\n"),
    topology("topology-top-level-list.yaml", "Fixtures/bad/topology-top-level-list.yaml:1: error: expected a mapping, found a list"),

    // MARK: Version
    topology("topology-version-missing.yaml", "Fixtures/bad/topology-version-missing.yaml:1: error: missing required key 'version'"),
    topology("topology-version-3.yaml", "Fixtures/bad/topology-version-3.yaml:1: error: version: this amplsim reads topology versions 1 and 2"),
    topology("topology-version-quoted.yaml",
             "Fixtures/bad/topology-version-quoted.yaml:1: error: version: expected a whole number, found a string '1'"),

    // MARK: Unknown keys
    topology("topology-unknown-key.yaml",
             "Fixtures/bad/topology-unknown-key.yaml:5: error: networks[0]: unknown key 'adressSpace'; did you mean 'addressSpace'?"),
    topology("topology-unknown-top-level-key.yaml",
             "Fixtures/bad/topology-unknown-top-level-key.yaml:2: error: unknown key 'network'; did you mean 'networks'?"),
    topology("topology-unknown-key-no-near-miss.yaml",
             "Fixtures/bad/topology-unknown-key-no-near-miss.yaml:3: error: networks[0]: unknown key 'colour' (expected one of: name, kind, addressSpace, dns, peerings, connections, transit, gatewayTransit, internetEgress, hosts)"),
    topology("topology-unknown-key.json",
             "Fixtures/bad/topology-unknown-key.json:4: error: networks[0]: unknown key 'peering'; did you mean 'peerings'?"),
    topology("topology-unknown-step.yaml",
             "Fixtures/bad/topology-unknown-step.yaml:5: error: steps[0]: unknown key 'deleteEndpont'; did you mean 'deleteEndpoint'?"),
    topology("topology-duplicate-key.yaml", "Fixtures/bad/topology-duplicate-key.yaml:5: error: networks[0]: key 'addressSpace' appears twice"),

    // MARK: Wrong types
    topology("topology-wrong-type-list.yaml", "Fixtures/bad/topology-wrong-type-list.yaml:3: error: networks: expected a list, found a string"),
    topology("topology-wrong-type-address-space.yaml",
             "Fixtures/bad/topology-wrong-type-address-space.yaml:5: error: networks[0].addressSpace: expected a list, found a string"),
    topology("topology-wrong-type-bool.yaml",
             "Fixtures/bad/topology-wrong-type-bool.yaml:5: error: networks[0].internetEgress: expected true or false, found a string 'no'"),
    topology("topology-wrong-type-number.yaml",
             "Fixtures/bad/topology-wrong-type-number.yaml:3: error: settings.limits.scopesPerNetwork: expected a whole number, found a string 'many'"),
    topology("topology-invalid-name.yaml",
             "Fixtures/bad/topology-invalid-name.yaml:3: error: networks[0].name: 'vnet 1' is not a valid name (letters, digits, '.', '_' and '-' only)"),

    // MARK: Duplicates
    topology("topology-duplicate-network-name.yaml",
             "Fixtures/bad/topology-duplicate-network-name.yaml:5: error: networks[2].name: duplicate network name 'vnet1'"),
    topology("topology-duplicate-resource-name.yaml",
             "Fixtures/bad/topology-duplicate-resource-name.yaml:6: error: components[0].name: duplicate resource name 'app1' (workspaces, components and DCEs share one namespace)"),
    topology("topology-duplicate-workspace-id.yaml",
             "Fixtures/bad/topology-duplicate-workspace-id.yaml:4: error: workspaces[1].id: workspace id 2497b122-367b-493e-9c7d-8081ad4e8713 is already used by law-app1"),
    topology("topology-duplicate-zone-id.yaml", "Fixtures/bad/topology-duplicate-zone-id.yaml:4: error: zones[1].id: duplicate zone id 'monitor'"),

    // MARK: References to nothing
    topology("topology-reference-missing-network.yaml",
             "Fixtures/bad/topology-reference-missing-network.yaml:6: error: zones[0].links[1]: no network named 'vnet3'; did you mean 'vnet1'?"),
    topology("topology-reference-missing-scope.yaml",
             "Fixtures/bad/topology-reference-missing-scope.yaml:9: error: privateEndpoints[0].scope: no scope named 'ampls-one'"),
    topology("topology-reference-missing-zone.yaml",
             "Fixtures/bad/topology-reference-missing-zone.yaml:11: error: privateEndpoints[0].dnsZones[0]: no zone with id 'shared-monitr'; did you mean 'shared-monitor'?"),
    topology("topology-reference-missing-dns-server.yaml",
             "Fixtures/bad/topology-reference-missing-dns-server.yaml:3: error: networks[0].dns: no DNS server named 'corp-dns'"),
    topology("topology-reference-missing-resource.yaml",
             "Fixtures/bad/topology-reference-missing-resource.yaml:5: error: scopes[0].resources[1]: no workspace, component or DCE named 'appi-app1'"),
    topology("topology-step-reference-missing-endpoint.yaml",
             "Fixtures/bad/topology-step-reference-missing-endpoint.yaml:5: error: steps[0].deleteEndpoint: no private endpoint named 'pe1' is created before this step"),

    // MARK: Addresses, CIDRs, GUIDs
    topology("topology-bad-cidr-prefix.yaml",
             "Fixtures/bad/topology-bad-cidr-prefix.yaml:3: error: networks[0].addressSpace[0]: '10.0.1.0/33' is not an IPv4 CIDR (like 10.0.0.0/16)"),
    topology("topology-bad-cidr-octet.yaml",
             "Fixtures/bad/topology-bad-cidr-octet.yaml:3: error: networks[0].addressSpace[0]: '10.0.256.0/24' is not an IPv4 CIDR (like 10.0.0.0/16)"),
    topology("topology-bad-cidr-host-bits.yaml",
             "Fixtures/bad/topology-bad-cidr-host-bits.yaml:3: error: networks[0].addressSpace[0]: '10.0.1.5/24' has host bits set; did you mean 10.0.1.0/24?"),
    topology("topology-bad-guid.yaml",
             "Fixtures/bad/topology-bad-guid.yaml:3: error: workspaces[0].id: '2497b122-367b-493e-9c7d-8081ad4e871' is not a GUID (8-4-4-4-12 hexadecimal digits, like 9f1c2d3e-0000-4000-8000-000000000001)"),
    topology("topology-bad-guid-not-hex.yaml",
             "Fixtures/bad/topology-bad-guid-not-hex.yaml:3: error: workspaces[0].id: '2497b122-367b-493e-9c7d-8081ad4e87zz' is not a GUID (8-4-4-4-12 hexadecimal digits, like 9f1c2d3e-0000-4000-8000-000000000001)"),
    topology("topology-bad-ipv4-host-entry.yaml",
             "Fixtures/bad/topology-bad-ipv4-host-entry.yaml:5: error: networks[0].hosts.api.monitor.azure.com: '999.1.1.1' is not an IPv4 address"),
    topology("topology-overlapping-peered-networks.yaml",
             "Fixtures/bad/topology-overlapping-peered-networks.yaml:4: error: networks[1].addressSpace[0]: 10.0.1.0/24 overlaps 10.0.0.0/16 of network hub; network address spaces must not overlap"),
    topology("topology-subnet-outside-network.yaml",
             "Fixtures/bad/topology-subnet-outside-network.yaml:9: error: privateEndpoints[0].subnet: subnet 10.0.2.0/27 lies outside vnet1's address space (10.0.1.0/24)"),
    topology("topology-subnet-too-small.yaml",
             "Fixtures/bad/topology-subnet-too-small.yaml:9: error: privateEndpoints[0].subnet: subnet 10.0.1.0/30 is too small: Azure subnets are /29 or larger"),
    topology("topology-fixed-address-outside-subnet.yaml",
             "Fixtures/bad/topology-fixed-address-outside-subnet.yaml:14: error: privateEndpoints[0].addresses.api.privatelink.monitor.azure.com: fixed address 10.0.1.100 lies outside subnet 10.0.1.0/27"),

    // MARK: Rules of the model
    topology("topology-zone-group-two-zones-one-name.yaml",
             "Fixtures/bad/topology-zone-group-two-zones-one-name.yaml:12: error: privateEndpoints[0].dnsZones[1]: the zone group already holds monitor-a, also named privatelink.monitor.azure.com.; a zone group holds zones of distinct names"),
    topology("topology-self-peering.yaml",
             "Fixtures/bad/topology-self-peering.yaml:3: error: networks[0].peerings[0]: a network cannot be joined to itself"),
    topology("topology-onprem-zone-link.yaml",
             "Fixtures/bad/topology-onprem-zone-link.yaml:5: error: zones[0].links[0]: corp is an on-premises network: private DNS zones link only to Azure VNets"),

    // MARK: Version 2: settings, DNS servers, resolvers, rulesets, components, DCEs
    topology("topology-limits-unknown-word.yaml",
             "Fixtures/bad/topology-limits-unknown-word.yaml:3: error: settings.limits: expected seed or a mapping of limits, found 'sed'; did you mean 'seed'?"),
    topology("topology-scope-over-workspace-limit.yaml",
             "Fixtures/bad/topology-scope-over-workspace-limit.yaml:8: error: scopes[0].resources: scope ampls1 holds 2 workspaces; the limit is 1 (settings.limits.workspacesPerScope)"),
    topology("topology-dns-address-held-by-nothing.yaml",
             "Fixtures/bad/topology-dns-address-held-by-nothing.yaml:4: error: networks[1].dns: no DNS server or resolver inbound endpoint holds 10.9.9.9"),
    topology("topology-server-address-held.yaml",
             "Fixtures/bad/topology-server-address-held.yaml:6: error: dnsServers[1].address: 192.168.0.10 is already held by DNS server corp-dns-1"),
    topology("topology-server-bad-flavor.yaml",
             "Fixtures/bad/topology-server-bad-flavor.yaml:5: error: dnsServers[0].flavor: 'windos' is not one of bind, windows; did you mean 'windows'?"),
    topology("topology-inbound-outside-network.yaml",
             "Fixtures/bad/topology-inbound-outside-network.yaml:6: error: dnsResolvers[0].inbound[0]: inbound address 10.1.0.4 lies outside hub's address space (10.0.0.0/16)"),
    topology("topology-fixed-address-held-by-server.yaml",
             "Fixtures/bad/topology-fixed-address-held-by-server.yaml:15: error: privateEndpoints[0].addresses.api.privatelink.monitor.azure.com: fixed address 10.0.1.10 is already held by DNS server hub-dns"),
    topology("topology-rule-target-azure-dns.yaml",
             "Fixtures/bad/topology-rule-target-azure-dns.yaml:11: error: forwardingRulesets[0].rules[0].to[1]: a forwarding rule may not target 168.63.129.16 (Azure DNS)"),
    topology("topology-onprem-ruleset-link.yaml",
             "Fixtures/bad/topology-onprem-ruleset-link.yaml:8: error: forwardingRulesets[0].links[1]: corp is an on-premises network: forwarding rulesets link only to Azure VNets"),
    topology("topology-ruleset-conflicting-rules.yaml",
             "Fixtures/bad/topology-ruleset-conflicting-rules.yaml:17: error: forwardingRulesets[1].rules[0].domain: rulesets corp-rules and spoke-rules both have an enabled rule for corp.contoso.com. and are both linked to spoke; a network sees one enabled rule per domain"),
    topology("topology-step-reference-missing-ruleset.yaml",
             "Fixtures/bad/topology-step-reference-missing-ruleset.yaml:9: error: steps[0].setRule.ruleset: no forwarding ruleset named 'hub-rule'; did you mean 'hub-rules'?"),
    topology("topology-connection-string-no-ingestion.yaml",
             "Fixtures/bad/topology-connection-string-no-ingestion.yaml:4: error: components[0].connectionString: the connection string has no IngestionEndpoint (https://<region>-<stamp>.in.applicationinsights.azure.com/), which gives the component's region and stamp"),
    topology("topology-connection-string-beside-region.yaml",
             "Fixtures/bad/topology-connection-string-beside-region.yaml:5: error: components[0].region: region beside connectionString: the connection string gives the region, stamp and suffix; give one or the other"),
    topology("topology-dce-bad-id.yaml",
             "Fixtures/bad/topology-dce-bad-id.yaml:3: error: dataCollectionEndpoints[0].id: DCE id must be 4 lower-case letters or digits (Azure appends them to the name), got Q7LU"),

    // MARK: Zones of a topology: inline records
    topology("topology-zone-inline-cname-beside-data.yaml",
             "Fixtures/bad/topology-zone-inline-cname-beside-data.yaml:9: error: zone monitor: a CNAME stands beside other data at api.privatelink.monitor.azure.com."),
    topology("topology-zone-inline-bad-record-type.yaml",
             "Fixtures/bad/topology-zone-inline-bad-record-type.yaml:6: error: zones[0].records[0].type: unknown record type 'AAAAA'"),
    // Today: "... is not a valid DNS name", without saying why; `hosts` keys and zone names explain it.
    topology("topology-zone-inline-label-over-63.yaml",
             matching: "Fixtures/bad/topology-zone-inline-label-over-63\\.yaml:6: error: zones\\[0\\]\\.records\\[0\\]\\.name: 'a{64}' is not a valid DNS name[^\\n]*63[^\\n]*\\n"),

    // MARK: Zones of a topology: the zone file (`file:`) is bad
    topology("topology-zone-file-include.yaml",
             "Fixtures/bad/zone-include-lowercase.zone:4: error: $INCLUDE is not supported (files are read alone)",
             also: ["zone-include-lowercase.zone"]),
    topology("topology-zone-file-bad-rdata.yaml",
             "Fixtures/bad/zone-bad-rdata-a.zone:4: error: bad A data '999.1.1.1': not an IPv4 address",
             also: ["zone-bad-rdata-a.zone"]),
    topology("topology-zone-file-label-over-63.yaml",
             "Fixtures/bad/zone-label-over-63.zone:4: error: bad owner name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa': label longer than 63 octets",
             also: ["zone-label-over-63.zone"]),
    topology("topology-zone-file-cname-beside-data.yaml",
             "Fixtures/bad/zone-cname-beside-data.zone:3: error: zone monitor: a CNAME stands beside other data at api.privatelink.monitor.azure.com.",
             also: ["zone-cname-beside-data.zone"]),
    topology("topology-zone-file-record-outside-zone.yaml",
             "Fixtures/bad/zone-record-outside-origin.zone:4: error: api.example.com. lies outside zone privatelink.monitor.azure.com.",
             also: ["zone-record-outside-origin.zone"]),
    // Today: "Fixtures/bad/zone-binary-garbage.zone:2: error: '(' inside parentheses (they do not nest)":
    // true of the bytes, but the user should be told the file is binary (it holds NUL bytes).
    topology("topology-zone-file-binary-garbage.yaml",
             matching: "Fixtures/bad/zone-binary-garbage\\.zone(:[0-9]+)?: error: [^\\n]*(NUL|binary)[^\\n]*\\n",
             also: ["zone-binary-garbage.zone"]),
    // Today: "Fixtures/bad/zones/privatelink.monitor.azure.com.zone: error: cannot open the file: no such
    // file or directory" -- no line, no field: the topology line that names the file is lost.
    topology("topology-zone-file-missing.yaml",
             matching: "Fixtures/bad/topology-zone-file-missing\\.yaml:8: error: zones\\[0\\]\\.file: [^\\n]*Fixtures/bad/zones/privatelink\\.monitor\\.azure\\.com\\.zone[^\\n]*no such file[^\\n]*\\n"),
    // Today: "Fixtures/bad/.: error: is a directory, not a zone file" -- no line, no field.
    topology("topology-zone-file-directory.yaml",
             matching: "Fixtures/bad/topology-zone-file-directory\\.yaml:8: error: zones\\[0\\]\\.file: [^\\n]*directory[^\\n]*\\n"),

    // MARK: Missing topology, a directory
    BadInput(arguments: ["simulate", "Fixtures/bad/no-such-topology.yaml"], fixtures: [],
             stderr: .exact("Fixtures/bad/no-such-topology.yaml: error: no such topology file\n"), stdout: ""),
    BadInput(arguments: ["simulate", "Fixtures/bad"], fixtures: [],
             stderr: .exact("Fixtures/bad: error: is a directory, not a topology file\n"), stdout: ""),

    // MARK: Zone files (zone-check)
    zone("zone-include-uppercase.zone", summary: "Fixtures/bad/zone-include-uppercase.zone: 1 records, 1 error\n  A          1\n",
         "Fixtures/bad/zone-include-uppercase.zone:4: error: $INCLUDE is not supported (files are read alone)"),
    zone("zone-include-lowercase.zone", summary: "Fixtures/bad/zone-include-lowercase.zone: 1 records, 1 error\n  A          1\n",
         "Fixtures/bad/zone-include-lowercase.zone:4: error: $INCLUDE is not supported (files are read alone)"),
    zone("zone-include-mixedcase.zone", summary: "Fixtures/bad/zone-include-mixedcase.zone: 1 records, 1 error\n  A          1\n",
         "Fixtures/bad/zone-include-mixedcase.zone:4: error: $INCLUDE is not supported (files are read alone)"),
    zone("zone-bad-rdata-a.zone", summary: "Fixtures/bad/zone-bad-rdata-a.zone: 1 records, 1 error\n  A          1\n",
         "Fixtures/bad/zone-bad-rdata-a.zone:4: error: bad A data '999.1.1.1': not an IPv4 address"),
    zone("zone-bad-rdata-cname.zone", summary: "Fixtures/bad/zone-bad-rdata-cname.zone: 0 records, 1 error\n",
         "Fixtures/bad/zone-bad-rdata-cname.zone:3: error: bad CNAME data 'bad..name.': empty label"),
    zone("zone-bad-ttl.zone", summary: "Fixtures/bad/zone-bad-ttl.zone: 1 records, 1 error\n  A          1\n",
         "Fixtures/bad/zone-bad-ttl.zone:2: error: bad TTL 'ten'"),
    zone("zone-label-over-63.zone", summary: "Fixtures/bad/zone-label-over-63.zone: 1 records, 1 error\n  A          1\n",
         "Fixtures/bad/zone-label-over-63.zone:4: error: bad owner name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa': label longer than 63 octets"),
    zone("zone-name-over-255.zone", summary: "Fixtures/bad/zone-name-over-255.zone: 1 records, 1 error\n  A          1\n",
         "Fixtures/bad/zone-name-over-255.zone:4: error: bad owner name 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb...': name longer than 255 octets"),
    zone("zone-unbalanced-open-parenthesis.zone", summary: "Fixtures/bad/zone-unbalanced-open-parenthesis.zone: 0 records, 1 error\n",
         "Fixtures/bad/zone-unbalanced-open-parenthesis.zone:3: error: '(' is not closed before the end of the file"),
    zone("zone-unbalanced-close-parenthesis.zone", summary: "Fixtures/bad/zone-unbalanced-close-parenthesis.zone: 0 records, 1 error\n",
         "Fixtures/bad/zone-unbalanced-close-parenthesis.zone:3: error: ')' without an opening '('"),
    zone("zone-nested-parentheses.zone", summary: "Fixtures/bad/zone-nested-parentheses.zone: 0 records, 1 error\n",
         "Fixtures/bad/zone-nested-parentheses.zone:3: error: '(' inside parentheses (they do not nest)"),
    zone("zone-unknown-type.zone", summary: "Fixtures/bad/zone-unknown-type.zone: 1 records, 1 error\n  A          1\n",
         "Fixtures/bad/zone-unknown-type.zone:4: error: unknown record type 'AAAAA'"),
    // ldns refuses these but leaks memory doing so (LeakSanitizer, fuzzing with the zscanner
    // corpus): the reader refuses them before ldns sees them.
    zone("zone-cert-type-zero.zone", summary: "Fixtures/bad/zone-cert-type-zero.zone: 1 records, 1 error\n  A          1\n",
         "Fixtures/bad/zone-cert-type-zero.zone:5: error: bad CERT data '0 0 0 AA==': field 1 '0' is not a certificate type from 1 to 65535"),
    zone("zone-ipseckey-key-with-space.zone",
         summary: "Fixtures/bad/zone-ipseckey-key-with-space.zone: 1 records, 1 error\n  A          1\n",
         "Fixtures/bad/zone-ipseckey-key-with-space.zone:5: error: bad IPSECKEY data '10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102u FJtugbo6BSGvgqt4AQ==': more than 5 fields (the key or address is one word, without spaces)"),
    // Found by fuzzing the zone-file reader: ldns frees the gateway's field but not its data.
    zone("zone-ipseckey-bad-key.zone", summary: "Fixtures/bad/zone-ipseckey-bad-key.zone: 1 records, 1 error\n  A          1\n",
         "Fixtures/bad/zone-ipseckey-bad-key.zone:5: error: bad IPSECKEY data '10 3 2 gw.example.com. AA=AA==': the public key 'AA=AA==' is not base64"),
    zone("zone-missing-quote.zone", summary: "Fixtures/bad/zone-missing-quote.zone: 1 records, 1 error\n  A          1\n",
         "Fixtures/bad/zone-missing-quote.zone:3: error: missing closing quote"),
    // Today: three errors about parentheses and an unknown type '\u{FFFD}'; the NUL bytes go unmentioned.
    BadInput(arguments: ["zone-check", "Fixtures/bad/zone-binary-garbage.zone"], fixtures: ["zone-binary-garbage.zone"],
             stderr: .matching("Fixtures/bad/zone-binary-garbage\\.zone(:[0-9]+)?: error: [^\\n]*(NUL|binary)[^\\n]*\\n(?s:.*)"),
             stdout: nil),
    BadInput(arguments: ["zone-check", "Fixtures/bad/no-such-file.zone"], fixtures: [],
             stderr: .exact("Fixtures/bad/no-such-file.zone: error: cannot open the file: no such file or directory\n"), stdout: ""),
    BadInput(arguments: ["zone-check", "Fixtures/bad"], fixtures: [],
             stderr: .exact("Fixtures/bad: error: is a directory, not a zone file\n"), stdout: ""),
]

extension Robustness {
    /// Every file of Fixtures/bad: exit status 2, the expected message, nothing else on standard
    /// output, within 5 s and 500 MiB.
    @Suite("Fixtures/bad: every bad input ends in exit 2 with its message", .serialized)
    struct CorpusTests {
        @Test(arguments: corpus)
        func badInput(_ input: BadInput) throws {
            let outcome = try runAmplsim(input.arguments)
            let what = input.testDescription
            expectWithinBounds(outcome, what)
            #expect(outcome.exitStatus == 2, "\(what): \(outcome)")
            switch input.stderr {
            case .exact(let text):
                #expect(outcome.stderr == text, "\(what)")
            case .matching(let pattern):
                let regex = try Regex(pattern)
                #expect(outcome.stderr.wholeMatch(of: regex) != nil,
                        "\(what): standard error \(outcome.stderr.debugDescription) does not match \(pattern.debugDescription)")
            }
            if let stdout = input.stdout {
                #expect(outcome.stdoutText == stdout, "\(what): standard output")
            } else {
                #expect(!outcome.stdoutText.contains("error:"), "\(what): errors belong on standard error")
            }
        }

        @Test("the corpus holds at least 40 files and every one is checked")
        func everyFileIsChecked() throws {
            let folder = packageRoot.appendingPathComponent("Fixtures/bad")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "README.md" }
            #expect(files.count >= 40)
            let checked = Set(corpus.flatMap(\.fixtures))
            for file in files.sorted() {
                #expect(checked.contains(file), "Fixtures/bad/\(file) is in no test case")
            }
            for file in checked.sorted() {
                #expect(files.contains(file), "a test case names Fixtures/bad/\(file), which does not exist")
            }
        }
    }
}
