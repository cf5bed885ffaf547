package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

// countedServer is a loopback site whose accepted connections are counted,
// so a test can tell a refused fetch from one that reached the socket.
type countedServer struct {
	*httptest.Server
	conns atomic.Int32
	port  string
}

func newCountedServer(t *testing.T, network, addr string, h http.Handler) *countedServer {
	t.Helper()
	ln, err := net.Listen(network, addr)
	if err != nil {
		t.Skipf("listen %s %s: %v", network, addr, err)
	}
	cs := &countedServer{}
	cs.Server = &httptest.Server{Listener: ln, Config: &http.Server{Handler: h}}
	cs.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			cs.conns.Add(1)
		}
	}
	cs.Start()
	t.Cleanup(cs.Close)
	_, cs.port, _ = net.SplitHostPort(ln.Addr().String())
	return cs
}

// pageHandler serves a page everywhere and no robots.txt.
var pageHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html")
	fmt.Fprint(w, htmlPage)
})

// guardHooks stand in for the world outside 127.0.0.1 in the guard's tests.
type guardHooks struct {
	// public is the one listener the guard treats as a public site.
	public *httptest.Server
	// dns answers name lookups; nil fails the test on any lookup, which
	// proves that no name went to a resolver.
	dns map[string][]netip.Addr
	// proxy, when set, is the proxy every request goes through.
	proxy *url.URL
}

// newGuardedCrawler builds a crawler whose guard is on (or off with
// allowPrivate), with names resolved only through hooks.dns.
func newGuardedCrawler(t *testing.T, allowPrivate bool, hooks guardHooks) *Crawler {
	t.Helper()
	c, err := New(Options{HostDelay: -1, Timeout: 10 * time.Second, AllowPrivate: allowPrivate})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	g := c.transport.guard
	if hooks.public != nil {
		public := netip.MustParseAddrPort(hooks.public.Listener.Addr().String())
		g.exempt = func(ap netip.AddrPort) bool { return ap == public }
	}
	g.lookup = func(_ context.Context, host string) ([]netip.Addr, error) {
		if addrs, ok := hooks.dns[host]; ok {
			return addrs, nil
		}
		t.Errorf("lookup of %q: no name may reach a resolver here", host)
		return nil, fmt.Errorf("no such host %s", host)
	}
	if hooks.proxy != nil {
		g.proxyFor = func(*http.Request) (*url.URL, error) { return hooks.proxy, nil }
	}
	return c
}

// loopbackSpellings are hosts that reach a listener on 127.0.0.1 (0.0.0.0
// connects to the local host on Linux).
var loopbackSpellings = []string{
	"127.0.0.1", "localhost", "LocalHost.", "news.localhost", "127.1", "127.0.1",
	"0x7f000001", "2130706433", "0177.0.0.1", "0x7f.1", "127.0.0.1.",
	"%EF%BC%91%EF%BC%92%EF%BC%97.0.0.1", "0.0.0.0", "0", "[::ffff:127.0.0.1]",
	"[::ffff:7f00:1]",
}

func TestCrawler_FetchLoopbackSpellings(t *testing.T) {
	srv := newCountedServer(t, "tcp4", "127.0.0.1:0", pageHandler)
	refuse := newGuardedCrawler(t, false, guardHooks{})
	for _, host := range loopbackSpellings {
		u := "http://" + host + ":" + srv.port + "/story"
		t.Run(host, func(t *testing.T) {
			before := srv.conns.Load()
			err := fetchErr(t, refuse, Request{URL: u})
			if !errors.Is(err, redline.ErrForbiddenTarget) {
				t.Fatalf("error = %v, want ErrForbiddenTarget", err)
			}
			if got := srv.conns.Load() - before; got != 0 {
				t.Fatalf("the listener accepted %d connections, want none", got)
			}
			// The opt-in reaches the same listener, with the number
			// spelling dialed as its address (a lookup fails the test).
			// A fresh crawler: colly writes some spellings as 127.0.0.1,
			// which would reuse an earlier subtest's connection.
			p := mustFetch(t, newGuardedCrawler(t, true, guardHooks{}), Request{URL: u})
			if !strings.Contains(string(p.Body), "Hello") || srv.conns.Load() == before {
				t.Errorf("with the opt-in: body %q after %d connections, want the page", p.Body, srv.conns.Load()-before)
			}
		})
	}
}

func TestCrawler_FetchIPv6Loopback(t *testing.T) {
	srv := newCountedServer(t, "tcp6", "[::1]:0", pageHandler)
	u := "http://[::1]:" + srv.port + "/story"
	if err := fetchErr(t, newGuardedCrawler(t, false, guardHooks{}), Request{URL: u}); !errors.Is(err, redline.ErrForbiddenTarget) {
		t.Fatalf("error = %v, want ErrForbiddenTarget", err)
	}
	if n := srv.conns.Load(); n != 0 {
		t.Fatalf("the listener accepted %d connections, want none", n)
	}
	mustFetch(t, newGuardedCrawler(t, true, guardHooks{}), Request{URL: u})
}

// A name that DNS answers with a private address (rebinding, or a public
// name pointed inside) passes the lexical check and is refused on the
// address the socket would connect to.
func TestCrawler_FetchNameResolvingPrivate(t *testing.T) {
	srv := newCountedServer(t, "tcp4", "127.0.0.1:0", pageHandler)
	dns := map[string][]netip.Addr{"news.redline.test": {netip.MustParseAddr("127.0.0.1")}}
	u := "http://news.redline.test:" + srv.port + "/story"

	err := fetchErr(t, newGuardedCrawler(t, false, guardHooks{dns: dns}), Request{URL: u})
	var te *TargetError
	if !errors.Is(err, redline.ErrForbiddenTarget) || !errors.As(err, &te) || te.Addr.String() != "127.0.0.1" ||
		!strings.Contains(err.Error(), "127.0.0.1:"+srv.port) {
		t.Fatalf("error = %v, want a refusal naming 127.0.0.1:%s", err, srv.port)
	}
	if n := srv.conns.Load(); n != 0 {
		t.Fatalf("the listener accepted %d connections, want none", n)
	}
	mustFetch(t, newGuardedCrawler(t, true, guardHooks{dns: dns}), Request{URL: u})
}

// A redirect from an allowed site to a loopback URL is refused, in a
// spelling or through a name, before the target sees a connection.
func TestCrawler_FetchRedirectToLoopback(t *testing.T) {
	target := newCountedServer(t, "tcp4", "127.0.0.1:0", pageHandler)
	dns := map[string][]netip.Addr{"inside.redline.test": {netip.MustParseAddr("127.0.0.1")}}
	for _, host := range []string{"127.0.0.1", "localhost", "0x7f000001", "inside.redline.test"} {
		to := "http://" + host + ":" + target.port + "/secret"
		for _, code := range []int{http.StatusFound, http.StatusMovedPermanently, http.StatusTemporaryRedirect} {
			t.Run(fmt.Sprintf("%s/%d", host, code), func(t *testing.T) {
				var redirected atomic.Int32
				origin := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Path == "/robots.txt" {
						http.NotFound(w, r)
						return
					}
					redirected.Add(1)
					http.Redirect(w, r, to, code)
				}))
				c := newGuardedCrawler(t, false, guardHooks{public: origin, dns: dns})
				err := fetchErr(t, c, Request{URL: origin.URL + "/story"})
				if !errors.Is(err, redline.ErrForbiddenTarget) || !strings.Contains(err.Error(), to) && host != "inside.redline.test" {
					t.Fatalf("error = %v, want ErrForbiddenTarget naming %s", err, to)
				}
				if redirected.Load() == 0 {
					t.Fatal("the allowed origin was never asked: the test proves nothing")
				}
				if n := target.conns.Load(); n != 0 {
					t.Fatalf("the redirect target accepted %d connections, want none", n)
				}
			})
		}
	}
}

// robots.txt fetches go through the same guard: a robots.txt that
// redirects inside is not followed there.
func TestCrawler_FetchRobotsRedirectToLoopback(t *testing.T) {
	target := newCountedServer(t, "tcp4", "127.0.0.1:0", pageHandler)
	dns := map[string][]netip.Addr{"inside.redline.test": {netip.MustParseAddr("127.0.0.1")}}
	for _, host := range []string{"127.0.0.1", "2130706433", "inside.redline.test"} {
		t.Run(host, func(t *testing.T) {
			var robotsAsked atomic.Int32
			origin := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					robotsAsked.Add(1)
					http.Redirect(w, r, "http://"+host+":"+target.port+"/robots.txt", http.StatusFound)
					return
				}
				pageHandler(w, r)
			}))
			c := newGuardedCrawler(t, false, guardHooks{public: origin, dns: dns})
			_, err := c.Fetch(t.Context(), Request{URL: origin.URL + "/story"})
			if !errors.Is(err, redline.ErrForbiddenTarget) {
				t.Errorf("error = %v, want ErrForbiddenTarget from the robots.txt redirect", err)
			}
			if robotsAsked.Load() == 0 {
				t.Fatal("robots.txt was never asked for: the test proves nothing")
			}
			if n := target.conns.Load(); n != 0 {
				t.Fatalf("the robots.txt redirect target accepted %d connections, want none", n)
			}
		})
	}
}

// An operator's proxy may be private; the targets sent through it are
// still checked, and names are left to the proxy to resolve.
func TestCrawler_FetchThroughProxy(t *testing.T) {
	var (
		mu    sync.Mutex
		asked []string
	)
	requests := func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(asked)
	}
	proxy := newCountedServer(t, "tcp4", "127.0.0.1:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.String())
		mu.Unlock()
		if r.URL.Path == "/moved" {
			http.Redirect(w, r, "http://127.0.0.1/secret", http.StatusFound)
			return
		}
		pageHandler(w, r)
	}))
	c := newGuardedCrawler(t, false, guardHooks{proxy: &url.URL{Scheme: "http", Host: proxy.Listener.Addr().String()}})
	mustFetch(t, c, Request{URL: "http://news.redline.test/story"})
	want := []string{"http://news.redline.test/robots.txt", "http://news.redline.test/story"}
	if got := requests(); !slices.Equal(got, want) {
		t.Fatalf("the proxy was asked for %q, want %q", got, want)
	}
	conns := proxy.conns.Load()
	for _, u := range []string{"http://127.0.0.1/story", "http://0x7f000001/story", "http://localhost/story"} {
		if err := fetchErr(t, c, Request{URL: u}); !errors.Is(err, redline.ErrForbiddenTarget) {
			t.Errorf("%s through the proxy: %v, want ErrForbiddenTarget", u, err)
		}
	}
	if n, got := proxy.conns.Load()-conns, requests(); n != 0 || len(got) != len(want) {
		t.Errorf("the proxy saw %d new connections and requests %q for refused targets, want none", n, got[len(want):])
	}
	// A redirect is checked before it goes to the proxy, too.
	if err := fetchErr(t, c, Request{URL: "http://news.redline.test/moved"}); !errors.Is(err, redline.ErrForbiddenTarget) {
		t.Errorf("redirect to loopback through the proxy: %v, want ErrForbiddenTarget", err)
	}
	for _, u := range requests() {
		if strings.Contains(u, "127.0.0.1") {
			t.Errorf("the proxy was asked for %s", u)
		}
	}
}

func TestCrawler_CheckTarget(t *testing.T) {
	refuse := newGuardedCrawler(t, false, guardHooks{})
	allow := newGuardedCrawler(t, true, guardHooks{})
	for _, u := range []string{"http://127.1/x", "http://metadata.google.internal/", "http://[::ffff:127.0.0.1]/"} {
		if err := refuse.CheckTarget(u); !errors.Is(err, redline.ErrForbiddenTarget) {
			t.Errorf("CheckTarget(%s) = %v, want ErrForbiddenTarget", u, err)
		}
		if err := allow.CheckTarget(u); err != nil {
			t.Errorf("CheckTarget(%s) with the opt-in = %v, want nil", u, err)
		}
	}
	if err := refuse.CheckTarget("http:///x"); !errors.Is(err, redline.ErrBadURL) {
		t.Errorf("CheckTarget without a host = %v, want ErrBadURL", err)
	}
}
