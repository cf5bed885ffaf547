package main

import (
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/web"
)

// minTokenLength keeps guessable tokens ("secret", "redline") out of a
// config that may be served beyond loopback.
const minTokenLength = 16

// validateServe checks the serve keys; bad reports one problem.
func (c *Config) validateServe(bad func(key, format string, args ...any)) {
	s := c.Serve
	if err := checkListenAddr(s.Addr); err != nil {
		bad("serve.addr", "%v", err)
	} else if err := checkExposure(s.Addr, s); err != nil {
		bad("serve.addr", "%v", err)
	}
	for i, h := range s.Hosts {
		if err := checkHostName(h); err != nil {
			bad(fmt.Sprintf("serve.hosts[%d]", i), "%v", err)
		}
	}
	for _, t := range []struct{ key, value string }{{"serve.read_token", s.ReadToken}, {"serve.write_token", s.WriteToken}} {
		switch {
		case t.value == "":
		case len(t.value) < minTokenLength:
			bad(t.key, "must be at least %d characters (e.g. the output of openssl rand -hex 32)", minTokenLength)
		case strings.ContainsFunc(t.value, func(r rune) bool { return r <= ' ' || r == 0x7f }):
			bad(t.key, "must not contain spaces or control characters")
		}
	}
	if _, err := s.location(); err != nil {
		bad("serve.timezone", "%v", err)
	}
	if s.ReadToken != "" && s.ReadToken == s.WriteToken {
		bad("serve.read_token", "must differ from serve.write_token, or the read token could write")
	}
}

// checkListenAddr accepts host:port with a numeric port; the host may be
// empty (every address), an IP or a name.
func checkListenAddr(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port (e.g. 127.0.0.1:8080)", addr)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Errorf("%q: port %q is not a number from 0 to 65535", addr, port)
	}
	if host == "" {
		return nil
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return nil
	}
	if err := checkDNSName(host); err != nil {
		return fmt.Errorf("%q: %w", addr, err)
	}
	return nil
}

// loopbackOnly reports whether a valid listen address is reachable from
// this machine only. Names other than localhost are not resolved: what
// they resolve to can change after serve starts.
func loopbackOnly(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// checkExposure refuses to serve beyond loopback without a token: anyone
// on the network could otherwise add stories and run crawls. A read token
// alone is enough, as it leaves nothing writable.
func checkExposure(addr string, s ServeConfig) error {
	if loopbackOnly(addr) || s.WriteToken != "" || s.ReadToken != "" {
		return nil
	}
	return fmt.Errorf("%s listens beyond loopback, so the API needs tokens: set serve.write_token (and serve.read_token for read-only clients), e.g. write_token: ${REDLINE_WRITE_TOKEN}", addr)
}

// checkHostName accepts a name or name:port for serve.hosts.
func checkHostName(h string) error {
	name := h
	if n, port, err := net.SplitHostPort(h); err == nil {
		if _, err := strconv.ParseUint(port, 10, 16); err != nil {
			return fmt.Errorf("%q: port %q is not a number from 0 to 65535", h, port)
		}
		name = n
	}
	if _, err := netip.ParseAddr(name); err == nil {
		return nil
	}
	if err := checkDNSName(name); err != nil {
		return fmt.Errorf("%q: %w (want a host name like redline.newsroom.org, optionally with :port)", h, err)
	}
	return nil
}

func checkDNSName(name string) error {
	name = strings.TrimSuffix(name, ".")
	if name == "" || len(name) > 253 {
		return fmt.Errorf("host %q is not a host name", name)
	}
	for label := range strings.SplitSeq(name, ".") {
		if label == "" || len(label) > 63 || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return fmt.Errorf("host %q is not a host name", name)
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return fmt.Errorf("host %q is not a host name", name)
			}
		}
	}
	return nil
}

// access is what the API guard needs from the configuration.
func (s ServeConfig) access() web.Access {
	return web.Access{Hosts: s.Hosts, ReadToken: s.ReadToken, WriteToken: s.WriteToken}
}

// location is the time zone of serve.timezone, the machine's when unset.
func (s ServeConfig) location() (*time.Location, error) {
	if s.Timezone == "" {
		return time.Local, nil
	}
	// "Local" would silently mean whatever zone the machine has, which
	// is what leaving the key out says; a config that names a zone means one.
	if strings.EqualFold(s.Timezone, "local") {
		return nil, fmt.Errorf("%q is not an IANA time zone name (e.g. Europe/Berlin, America/New_York); leave serve.timezone out for the machine's zone", s.Timezone)
	}
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil {
		return nil, fmt.Errorf("%q is not an IANA time zone name (e.g. Europe/Berlin, America/New_York)", s.Timezone)
	}
	return loc, nil
}

// clientToken is the token this process sends to the one holding the
// database: the write token when it has one, so track and crawl work.
func (s ServeConfig) clientToken() string {
	if s.WriteToken != "" {
		return s.WriteToken
	}
	return s.ReadToken
}

// limitMsg is a web limit error without its "bad request" prefix, which
// means nothing on a command line or in a config file.
func limitMsg(err error) string {
	return strings.TrimPrefix(err.Error(), redline.ErrBadRequest.Error()+": ")
}
