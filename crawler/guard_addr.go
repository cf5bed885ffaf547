package crawler

import (
	"net/netip"
)

// deniedRange is a block of addresses the guard refuses, with the reason
// an error gives for it.
type deniedRange struct {
	prefix netip.Prefix
	reason string
}

// Reasons, as errors print them.
const (
	reasonLoopback    = "loopback"
	reasonPrivate     = "private"
	reasonLinkLocal   = "link-local"
	reasonMetadata    = "cloud metadata"
	reasonCGNAT       = "shared (CGNAT)"
	reasonMulticast   = "multicast"
	reasonUnspecified = "unspecified (this host)"
	reasonReserved    = "reserved"
	reasonDocs        = "documentation"
	reasonMapped      = "IPv4 embedded in IPv6"
)

// metadataAddrs are the instance-metadata services of the big clouds. They
// sit inside ranges refused anyway; naming them makes the error say what
// the request was really after.
var metadataAddrs = map[netip.Addr]bool{
	netip.MustParseAddr("169.254.169.254"): true, // AWS, GCP, Azure, OCI, DigitalOcean
	netip.MustParseAddr("169.254.170.2"):   true, // AWS ECS task metadata
	netip.MustParseAddr("fd00:ec2::254"):   true, // AWS IPv6
	netip.MustParseAddr("100.100.100.200"): true, // Alibaba Cloud
}

// deniedV4 lists every IPv4 range that is not the public internet (IANA
// special-purpose registry). Documentation ranges are refused too: they are
// never a public web server, and some networks route them internally.
var deniedV4 = ranges(
	"0.0.0.0/8", reasonUnspecified, // "this network"; Linux connects 0.0.0.0 to itself
	"10.0.0.0/8", reasonPrivate,
	"100.64.0.0/10", reasonCGNAT,
	"127.0.0.0/8", reasonLoopback,
	"169.254.0.0/16", reasonLinkLocal,
	"172.16.0.0/12", reasonPrivate,
	"192.0.0.0/24", reasonReserved, // IETF protocol assignments
	"192.0.2.0/24", reasonDocs,
	"192.88.99.0/24", reasonReserved, // 6to4 relay anycast, deprecated
	"192.168.0.0/16", reasonPrivate,
	"198.18.0.0/15", reasonReserved, // benchmarking
	"198.51.100.0/24", reasonDocs,
	"203.0.113.0/24", reasonDocs,
	"224.0.0.0/4", reasonMulticast,
	"240.0.0.0/4", reasonReserved, // includes 255.255.255.255, broadcast
)

// deniedV6 lists the IPv6 ranges that are not public unicast. Mapped
// (::ffff:0:0/96), NAT64 and 6to4 addresses are judged by the IPv4 address
// they carry, before this table is read.
var deniedV6 = ranges(
	"::/96", reasonReserved, // ::, ::1 and the deprecated IPv4-compatible form; ::1 is named below
	"::ffff:0:0:0/96", reasonMapped, // IPv4-translated (RFC 2765)
	"64:ff9b:1::/48", reasonPrivate, // local-use NAT64
	"100::/64", reasonReserved, // discard-only
	"2001::/32", reasonMapped, // Teredo: the real peer hides in the address
	"2001:2::/48", reasonReserved, // benchmarking
	"2001:10::/28", reasonReserved, // ORCHID
	"2001:20::/28", reasonReserved, // ORCHIDv2
	"2001:db8::/32", reasonDocs,
	"3fff::/20", reasonDocs,
	"5f00::/16", reasonReserved, // SRv6 SIDs
	"fc00::/7", reasonPrivate, // unique local
	"fe80::/10", reasonLinkLocal,
	"fec0::/10", reasonPrivate, // site-local, deprecated
	"ff00::/8", reasonMulticast,
)

var (
	nat64   = netip.MustParsePrefix("64:ff9b::/96")
	sixToV4 = netip.MustParsePrefix("2002::/16")
)

func ranges(pairs ...string) []deniedRange {
	out := make([]deniedRange, 0, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, deniedRange{netip.MustParsePrefix(pairs[i]), pairs[i+1]})
	}
	return out
}

// deniedAddr says why a connection to a may not be made, or "" when it may.
// An IPv6 address that carries an IPv4 one (mapped, NAT64, 6to4) is judged
// by the IPv4 address it leads to, so ::ffff:127.0.0.1 is loopback.
func deniedAddr(a netip.Addr) string {
	a = a.WithZone("")
	if metadataAddrs[a] {
		return reasonMetadata
	}
	if a.Is4In6() {
		if r := deniedAddr(a.Unmap()); r != "" {
			return r
		}
		// A public IPv4 address in mapped form is still that address:
		// net dials it over IPv4.
		return ""
	}
	if v4, ok := embeddedV4(a); ok {
		if r := deniedAddr(v4); r != "" {
			return r
		}
		return ""
	}
	if a.Is4() {
		return lookupRange(deniedV4, a)
	}
	switch a {
	case netip.IPv6Loopback():
		return reasonLoopback
	case netip.IPv6Unspecified():
		return reasonUnspecified
	}
	return lookupRange(deniedV6, a)
}

// embeddedV4 returns the IPv4 address that a NAT64 (64:ff9b::/96) or 6to4
// (2002::/16) address translates to.
func embeddedV4(a netip.Addr) (netip.Addr, bool) {
	b := a.As16()
	switch {
	case nat64.Contains(a):
		return netip.AddrFrom4([4]byte(b[12:16])), true
	case sixToV4.Contains(a):
		return netip.AddrFrom4([4]byte(b[2:6])), true
	}
	return netip.Addr{}, false
}

func lookupRange(rs []deniedRange, a netip.Addr) string {
	for _, r := range rs {
		if r.prefix.Contains(a) {
			return r.reason
		}
	}
	return ""
}
