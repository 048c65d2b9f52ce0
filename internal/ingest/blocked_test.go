package ingest

import (
	"net/netip"
	"testing"
)

// TestBlockedIANARegistries checks an address from every entry of the IANA IPv4 and IPv6
// Special-Purpose Address Registries: blocked when the entry is not globally reachable,
// allowed when it is, and ordinary global addresses allowed.
func TestBlockedIANARegistries(t *testing.T) {
	cases := []struct {
		addr    string
		blocked bool
		entry   string
	}{
		{"0.1.2.3", true, "this network 0.0.0.0/8"},
		{"10.20.30.40", true, "private 10/8"},
		{"100.100.1.1", true, "shared address space 100.64/10"},
		{"127.0.0.53", true, "loopback"},
		{"169.254.169.254", true, "link-local (cloud metadata)"},
		{"172.31.255.1", true, "private 172.16/12"},
		{"192.0.0.1", true, "IETF protocol assignments 192.0.0.0/24"},
		{"192.0.0.170", true, "NAT64 discovery"},
		{"192.0.0.9", false, "PCP anycast, globally reachable"},
		{"192.0.0.10", false, "TURN anycast, globally reachable"},
		{"192.0.2.55", true, "TEST-NET-1"},
		{"192.31.196.1", false, "AS112-v4, globally reachable"},
		{"192.52.193.1", false, "AMT, globally reachable"},
		{"192.88.99.1", true, "deprecated 6to4 relay anycast"},
		{"192.168.0.1", true, "private 192.168/16"},
		{"192.175.48.1", false, "AS112 direct delegation, globally reachable"},
		{"198.19.255.1", true, "benchmarking 198.18/15"},
		{"198.51.100.7", true, "TEST-NET-2"},
		{"203.0.113.9", true, "TEST-NET-3"},
		{"240.1.2.3", true, "reserved 240/4"},
		{"255.255.255.255", true, "limited broadcast"},
		{"224.0.0.251", true, "multicast"},

		{"::1", true, "loopback"},
		{"::", true, "unspecified"},
		{"::ffff:10.0.0.1", true, "IPv4-mapped private"},
		{"::ffff:8.8.8.8", false, "IPv4-mapped global"},
		{"64:ff9b::7f00:1", true, "NAT64 of loopback"},
		{"64:ff9b::808:808", false, "NAT64 of a global address"},
		{"64:ff9b:1::808:808", true, "local-use IPv4/IPv6 translation 64:ff9b:1::/48"},
		{"100::1", true, "discard-only 100::/64"},
		{"100:0:0:1::1", true, "dummy prefix 100:0:0:1::/64"},
		{"2001::1", true, "Teredo 2001::/32"},
		{"2001:0:4136:e378:8000:63bf:3fff:fdd2", true, "Teredo with a client address"},
		{"2001:1::1", false, "PCP anycast, globally reachable"},
		{"2001:1::2", false, "TURN anycast, globally reachable"},
		{"2001:1::4", true, "IETF protocol assignments 2001::/23"},
		{"2001:2::1", true, "benchmarking 2001:2::/48"},
		{"2001:3::1", false, "AMT, globally reachable"},
		{"2001:4:112::1", false, "AS112-v6, globally reachable"},
		{"2001:10::1", true, "deprecated ORCHID"},
		{"2001:20::1", false, "ORCHIDv2, globally reachable"},
		{"2001:30::1", false, "drone remote ID, globally reachable"},
		{"2001:1ff::1", true, "IETF protocol assignments, end of 2001::/23"},
		{"2001:200::1", false, "just past 2001::/23 (WIDE)"},
		{"2001:db8::1", true, "documentation 2001:db8::/32"},
		{"2002:7f00:1::", true, "6to4 of loopback"},
		{"2002:808:808::", false, "6to4 of a global address"},
		{"2620:4f:8000::1", false, "AS112 direct delegation, globally reachable"},
		{"3fff::1", true, "documentation 3fff::/20"},
		{"5f00::1", true, "segment routing SIDs 5f00::/16"},
		{"fc00::1", true, "unique local"},
		{"fd00:ec2::254", true, "unique local (AWS metadata over IPv6)"},
		{"fe80::1", true, "link-local"},
		{"fec0::1", true, "deprecated site-local"},
		{"ff02::1", true, "multicast"},

		{"93.184.216.34", false, "global"},
		{"8.8.8.8", false, "global"},
		{"2606:4700::1111", false, "global"},
		{"2a00:1450:4001:81b::200e", false, "global"},
	}
	for _, c := range cases {
		if got := Blocked(netip.MustParseAddr(c.addr)); got != c.blocked {
			t.Errorf("Blocked(%s) = %v, want %v (%s)", c.addr, got, c.blocked, c.entry)
		}
	}
}
