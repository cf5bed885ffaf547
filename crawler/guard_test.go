package crawler

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

func TestParseHost_numberSpellings(t *testing.T) {
	cases := []struct{ host, want string }{
		{"127.0.0.1", "127.0.0.1"},
		{"127.1", "127.0.0.1"},
		{"127.0.1", "127.0.0.1"},
		{"0x7f000001", "127.0.0.1"},
		{"0X7F000001", "127.0.0.1"},
		{"2130706433", "127.0.0.1"},
		{"0177.0.0.1", "127.0.0.1"},
		{"0x7f.1", "127.0.0.1"},
		{"127.0.0.1.", "127.0.0.1"},
		{"１２７.０.０.１", "127.0.0.1"}, // full-width digits, as IDNA maps them
		{"10.1", "10.0.0.1"},
		{"192.168.257", "192.168.1.1"},
		{"0", "0.0.0.0"},
		{"0x", "0.0.0.0"},
		{"::1", "::1"},
		{"::ffff:127.0.0.1", "::ffff:127.0.0.1"},
		{"fe80::1%eth0", "fe80::1%eth0"},
	}
	for _, tc := range cases {
		got, err := parseHost(tc.host)
		if err != nil || got.addr.String() != tc.want {
			t.Errorf("parseHost(%q) = %v, %v; want address %s", tc.host, got.addr, err, tc.want)
		}
	}
	for _, bad := range []string{"1.2.3.999", "256.0.0.1", "4294967296", "1.1.1.1.1", "08.0.0.1", "foo.0x10", "1..1", "::zz"} {
		if got, err := parseHost(bad); err == nil {
			t.Errorf("parseHost(%q) = %+v, want an error: it would go to DNS as a name", bad, got)
		}
	}
	for _, name := range []string{"example.com", "0x1g", "news.1a", "a.b.c.d.e"} {
		if got, err := parseHost(name); err != nil || got.addr.IsValid() || got.name != strings.ToLower(name) {
			t.Errorf("parseHost(%q) = %+v, %v; want the name", name, got, err)
		}
	}
}

func TestCheckTarget(t *testing.T) {
	const ok, refused, bad = "ok", "refused", "bad"
	cases := []struct {
		url, want string
		// mention is a part of the error: the address or the kind.
		mention string
	}{
		{"http://127.0.0.1/", refused, "loopback"},
		{"http://localhost:8080/x", refused, "loopback name"},
		{"http://LOCALHOST./x", refused, "loopback name"},
		{"http://api.localhost/x", refused, "loopback name"},
		{"http://127.1/", refused, "127.0.0.1"},
		{"http://0x7f000001/", refused, "127.0.0.1"},
		{"http://2130706433/", refused, "127.0.0.1"},
		{"http://0177.0.0.1/", refused, "127.0.0.1"},
		{"http://%EF%BC%91%EF%BC%92%EF%BC%97.0.0.1/", refused, "127.0.0.1"},
		{"http://0.0.0.0/", refused, "unspecified"},
		{"http://0/", refused, "0.0.0.0"},
		{"http://[::1]/", refused, "loopback"},
		{"http://[::]/", refused, "unspecified"},
		{"http://[::ffff:127.0.0.1]/", refused, "loopback"},
		{"http://[::ffff:8.8.8.8]/", refused, "IPv4 embedded"},
		{"http://[::127.0.0.1]/", refused, "reserved"},
		{"http://[64:ff9b::7f00:1]/", refused, "loopback"},
		{"http://[2002:7f00:1::]/", refused, "loopback"},
		{"http://[2001::1]/", refused, "IPv4 embedded"},
		{"http://169.254.169.254/latest/meta-data/", refused, "cloud metadata"},
		{"http://[fd00:ec2::254]/", refused, "cloud metadata"},
		{"http://100.100.100.200/", refused, "cloud metadata"},
		{"http://metadata.google.internal/computeMetadata/v1/", refused, "private-use name"},
		{"http://metadata/", refused, "single-label"},
		{"http://intranet:8080/", refused, "single-label"},
		{"http://printer.local/", refused, "mDNS"},
		{"http://router.home.arpa/", refused, "private-use name"},
		{"http://10.0.0.1/", refused, "private"},
		{"http://10.1/", refused, "10.0.0.1"},
		{"http://172.16.5.4/", refused, "private"},
		{"http://192.168.1.1/", refused, "private"},
		{"http://100.64.0.1/", refused, "CGNAT"},
		{"http://169.254.1.1/", refused, "link-local"},
		{"http://[fe80::1]/", refused, "link-local"},
		{"http://[fe80::1%25eth0]/", refused, "link-local"},
		{"http://[fc00::1]/", refused, "private"},
		{"http://224.0.0.1/", refused, "multicast"},
		{"http://[ff02::1]/", refused, "multicast"},
		{"http://255.255.255.255/", refused, "reserved"},
		{"http://240.0.0.1/", refused, "reserved"},
		{"http://192.0.0.8/", refused, "reserved"},
		{"http://198.18.0.1/", refused, "reserved"},
		{"http://192.0.2.1/", refused, "documentation"},
		{"http://[2001:db8::1]/", refused, "documentation"},
		{"http://1.2.3.999/", bad, "1.2.3.999"},
		{"http://foo.0x10/", bad, "foo.0x10"},
		{"http://8.8.8.8/", ok, ""},
		{"https://93.184.215.14/news", ok, ""},
		{"http://134744072/", ok, ""}, // 8.8.8.8, written as browsers allow
		{"http://[2606:4700::1111]/", ok, ""},
		{"http://[2002:808:808::1]/", ok, ""},  // 6to4 of a public address
		{"http://[64:ff9b::808:808]/", ok, ""}, // NAT64 of a public address
		{"https://example.com/news/story-123", ok, ""},
		{"https://news.example.co.uk./story", ok, ""},
	}
	for _, tc := range cases {
		t.Run(tc.url, func(t *testing.T) {
			err := CheckTarget(tc.url, false)
			switch tc.want {
			case ok:
				if err != nil {
					t.Fatalf("CheckTarget = %v, want it allowed", err)
				}
			case refused:
				var te *TargetError
				if !errors.Is(err, redline.ErrForbiddenTarget) || !errors.As(err, &te) {
					t.Fatalf("CheckTarget = %v, want a *TargetError matching ErrForbiddenTarget", err)
				}
			case bad:
				if !errors.Is(err, redline.ErrBadURL) || errors.Is(err, redline.ErrForbiddenTarget) {
					t.Fatalf("CheckTarget = %v, want ErrBadURL", err)
				}
			}
			if err != nil && (!strings.Contains(err.Error(), tc.mention) || !strings.Contains(err.Error(), tc.url)) {
				t.Errorf("error %q should name the URL and %q", err, tc.mention)
			}
			// The opt-in lets every address through but still refuses a
			// host that would otherwise go to DNS as a name.
			err = CheckTarget(tc.url, true)
			if tc.want == bad {
				if !errors.Is(err, redline.ErrBadURL) {
					t.Errorf("with private targets allowed: %v, want ErrBadURL", err)
				}
			} else if err != nil {
				t.Errorf("with private targets allowed: %v, want it allowed", err)
			}
		})
	}
	if err := CheckTarget("ftp://8.8.8.8/", false); !errors.Is(err, redline.ErrBadURL) {
		t.Errorf("ftp URL: %v, want ErrBadURL", err)
	}
}

func TestDeniedAddr_connectTime(t *testing.T) {
	// At connect time an IPv4-mapped address is the IPv4 address it
	// carries: net dials those over IPv4, so only its range matters.
	for addr, want := range map[string]string{
		"::ffff:127.0.0.1": reasonLoopback,
		"::ffff:8.8.8.8":   "",
		"127.255.255.254":  reasonLoopback,
		"169.254.170.2":    reasonMetadata,
		"fe80::1%eth0":     reasonLinkLocal,
		"2a00:1450::1":     "",
		"1.1.1.1":          "",
	} {
		if got := deniedAddr(netip.MustParseAddr(addr)); got != want {
			t.Errorf("deniedAddr(%s) = %q, want %q", addr, got, want)
		}
	}
}

// The lexical check runs on every request and redirect hop.
func BenchmarkCheckTarget(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := CheckTarget("https://news.example.com/2026/11/24/storm-live-updates?page=2", false); err != nil {
			b.Fatal(err)
		}
	}
}
