/// The Resource Graph queries and `az` commands whose output `amplsim import azure` reads
/// (`--print-query`).
package enum AzureQueries {
    /// The resource types the first query asks for, lower-cased.
    static let resourceTypes = [
        "microsoft.network/virtualnetworks", "microsoft.network/virtualhubs", "microsoft.network/privatednszones",
        "microsoft.network/privatednszones/virtualnetworklinks", "microsoft.network/privateendpoints",
        "microsoft.network/networkinterfaces", "microsoft.insights/privatelinkscopes",
        "microsoft.insights/privatelinkscopes/scopedresources", "microsoft.operationalinsights/workspaces",
        "microsoft.insights/components", "microsoft.insights/datacollectionendpoints", "microsoft.network/dnsresolvers",
        "microsoft.network/dnsresolvers/inboundendpoints", "microsoft.network/dnsresolvers/outboundendpoints",
        "microsoft.network/dnsforwardingrulesets", "microsoft.network/dnsforwardingrulesets/forwardingrules",
        "microsoft.network/dnsforwardingrulesets/virtualnetworklinks", "microsoft.network/azurefirewalls",
        "microsoft.network/firewallpolicies", "microsoft.network/virtualnetworkgateways", "microsoft.network/localnetworkgateways",
        "microsoft.network/connections", "microsoft.network/expressroutecircuits",
        "microsoft.network/virtualhubs/hubvirtualnetworkconnections",
    ]

    static var resourceQuery: String {
        "resources | where type in~ (" + resourceTypes.map { "'\($0)'" }.joined(separator: ", ")
            + ") | where type !~ 'microsoft.network/networkinterfaces' or isnotnull(properties.privateEndpoint) or isnotnull(properties.virtualMachine)"
            + " | project id, name, type, location, resourceGroup, subscriptionId, properties | order by id asc"
    }

    static let recordQuery = "dnsresources | where type in~ ('microsoft.network/privatednszones/a', 'microsoft.network/privatednszones/cname') | project id, name, type, properties | order by id asc"

    package static var text: String {
        """
        # Run in bash with the Azure CLI (az login; az extension add --name resource-graph).
        # Add --management-groups ID or --subscriptions ID ... to choose what is read.
        # Resource Graph returns at most 1000 rows a page: each page's "skip_token" asks for the next.

        page() {  # page NAME QUERY: writes NAME-1.json, NAME-2.json, ...
          local name=$1 query=$2 n=1 token=""
          while :; do
            if [ -z "$token" ]; then
              az graph query -q "$query" --first 1000 --output json > "$name-$n.json"
            else
              az graph query -q "$query" --first 1000 --skip-token "$token" --output json > "$name-$n.json"
            fi
            token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("skip_token") or "")' "$name-$n.json")
            [ -z "$token" ] && break
            n=$((n + 1))
          done
        }

        # 1. The resources: networks, zones and links, endpoints and their interfaces, scopes and
        #    members, workspaces, components, DCEs, resolvers, rulesets, firewalls, gateways.
        page resources "\(resourceQuery)"

        # 2. The private DNS record sets (A and CNAME).
        page records "\(recordQuery)"

        # 3. Each private endpoint's zone group (Resource Graph does not hold them).
        az network private-endpoint list --query "[].[name, resourceGroup]" --output tsv |
          while read -r name group; do
            az network private-endpoint dns-zone-group list --endpoint-name "$name" --resource-group "$group" --output json > "zone-groups-$group-$name.json"
          done

        # 4. Each scope's members, where Resource Graph lacks them.
        az monitor private-link-scope list --query "[].[name, resourceGroup]" --output tsv |
          while read -r name group; do
            az monitor private-link-scope scoped-resource list --scope-name "$name" --resource-group "$group" --output json > "scoped-$group-$name.json"
          done

        # 5. The topology.
        amplsim import azure resources-*.json records-*.json zone-groups-*.json scoped-*.json --out estate
        # PowerShell: write each file with `| Out-File -Encoding utf8 FILE` (its `>` writes UTF-16).

        """
    }
}
