package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// Access says who may use the API and under which names it answers.
// The zero value is the loopback default: no tokens, and only the address
// the connection arrived on (plus localhost on loopback) as Host.
type Access struct {
	// Hosts are further names the API answers to, e.g. the name a reverse
	// proxy forwards. A name without a port matches any port.
	Hosts []string
	// ReadToken allows GET requests; WriteToken allows every request.
	// When either is set, every request needs one of them.
	ReadToken  string
	WriteToken string
}

// Enforced reports whether requests need a token.
func (acc Access) Enforced() bool { return acc.ReadToken != "" || acc.WriteToken != "" }

// Guard puts another surface of the same listener (metrics, feeds)
// behind the API's rules: the same hosts, origins and tokens. It accepts
// the login cookie of the pages as well as Bearer, so a logged-in browser
// can open a feed or the metrics.
func (acc Access) Guard(next http.Handler) http.Handler {
	return acc.GuardWith(next, GuardOptions{Cookie: true})
}

// GuardOptions adapt the guard to a surface other than the JSON API.
type GuardOptions struct {
	// Cookie accepts the login session cookie (see Session) as well as
	// Bearer. The JSON API does not: its writes stay Bearer-only, so no
	// browser can be tricked into sending one with ambient credentials.
	Cookie bool
	// Forms accepts form bodies (application/x-www-form-urlencoded) on
	// POST, which pages send; the API takes JSON only.
	Forms bool
	// Public skips the token check (the login page, static assets); the
	// host and origin checks still apply.
	Public bool
	// Refuse renders a refusal; nil writes the API's JSON error. Pages
	// render HTML, and a request without credentials the login form.
	Refuse func(w http.ResponseWriter, r *http.Request, status int, code, msg string)
}

// GuardWith is the guard with options; see GuardOptions.
func (acc Access) GuardWith(next http.Handler, opts GuardOptions) http.Handler {
	return acc.guardWith(next, opts)
}

// guard is the JSON API's guard.
func (acc Access) guard(next http.Handler) http.Handler { return acc.guardWith(next, GuardOptions{}) }

// guardWith refuses what a browser page on another site could send (DNS
// rebinding, cross-site forms) and checks tokens, before any handler runs,
// so a refused request never tracks, crawls or reads anything. It never
// sets CORS headers: no other origin is ever meant to read the API.
func (acc Access) guardWith(next http.Handler, opts GuardOptions) http.Handler {
	readSum, writeSum := tokenSum(acc.ReadToken), tokenSum(acc.WriteToken)
	refuse := opts.Refuse
	if refuse == nil {
		refuse = func(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
			writeError(w, status, code, msg, nil)
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !acc.hostAllowed(r) {
			// 421 rather than 403: the request reached a server that does
			// not serve that name, which is a routing fault, not a
			// permission one; clients and operators can tell the two apart.
			refuse(w, r, http.StatusMisdirectedRequest, "bad_host", fmt.Sprintf("this redline does not answer to host %q (add it to serve.hosts)", r.Host))
			return
		}
		if msg := acc.crossSite(r); msg != "" {
			refuse(w, r, http.StatusForbidden, "cross_origin", msg)
			return
		}
		if acc.Enforced() && !opts.Public {
			sum, ok := bearer(r)
			write := r.Method != http.MethodGet && r.Method != http.MethodHead
			var sess Session
			if !ok && opts.Cookie {
				sess, ok = acc.SessionOf(r)
			}
			switch {
			case !ok:
				w.Header().Set("WWW-Authenticate", `Bearer realm="redline"`)
				refuse(w, r, http.StatusUnauthorized, "unauthorized", "this redline needs a token: send Authorization: Bearer <serve.read_token or serve.write_token>")
				return
			case sess.ID != "":
				if write && !sess.Write {
					refuse(w, r, http.StatusForbidden, "forbidden", fmt.Sprintf("you are logged in with the read token, which cannot %s %s: log in with serve.write_token", r.Method, r.URL.Path))
					return
				}
			case writeSum != nil && subtle.ConstantTimeCompare(sum, writeSum) == 1:
			case readSum != nil && subtle.ConstantTimeCompare(sum, readSum) == 1:
				if write {
					refuse(w, r, http.StatusForbidden, "forbidden", fmt.Sprintf("the read token cannot %s %s: use serve.write_token", r.Method, r.URL.Path))
					return
				}
			default:
				w.Header().Set("WWW-Authenticate", `Bearer realm="redline", error="invalid_token"`)
				refuse(w, r, http.StatusUnauthorized, "unauthorized", "the token is not this redline's read or write token")
				return
			}
		}
		if r.Method == http.MethodPost || r.ContentLength > 0 {
			ct := r.Header.Get("Content-Type")
			mt, _, err := mime.ParseMediaType(ct)
			if err != nil || mt != "application/json" && !(opts.Forms && mt == "application/x-www-form-urlencoded") {
				want := "application/json"
				if opts.Forms {
					want = "application/x-www-form-urlencoded"
				}
				refuse(w, r, http.StatusUnsupportedMediaType, "unsupported_media_type", fmt.Sprintf("request body must be Content-Type: %s, not %q", want, ct))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// tokenSum hashes a token so comparisons take the same time whatever
// the lengths; nil means no such token.
func tokenSum(token string) []byte {
	if token == "" {
		return nil
	}
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

func bearer(r *http.Request) ([]byte, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return nil, false
	}
	return tokenSum(strings.TrimSpace(token)), true
}

// hostAllowed accepts the address the connection arrived on, localhost
// names when it arrived over loopback, and the configured names. A page
// that rebinds its own name to 127.0.0.1 still sends its own name.
func (acc Access) hostAllowed(r *http.Request) bool {
	host, port := splitHost(r.Host, r.TLS != nil)
	if host == "" {
		return false
	}
	if acc.nameAllowed(host, port) {
		return true
	}
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return false
	}
	lap, err := netip.ParseAddrPort(local.String())
	if err != nil || fmt.Sprint(lap.Port()) != port {
		return false
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		ip = ip.Unmap()
		return ip == lap.Addr().Unmap() || ip.IsLoopback() && lap.Addr().Unmap().IsLoopback()
	}
	return host == "localhost" && lap.Addr().Unmap().IsLoopback()
}

func (acc Access) nameAllowed(host, port string) bool {
	for _, h := range acc.Hosts {
		name, p, err := net.SplitHostPort(h)
		if err != nil {
			name, p = h, ""
		}
		if strings.EqualFold(strings.TrimSuffix(name, "."), host) && (p == "" || p == port) {
			return true
		}
	}
	return false
}

// splitHost lowercases a Host value and fills in the scheme's default port.
func splitHost(hostport string, tls bool) (host, port string) {
	hostport = strings.ToLower(hostport)
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = strings.Trim(hostport, "[]"), "80"
		if tls {
			port = "443"
		}
	}
	return strings.TrimSuffix(host, "."), port
}

// crossSite explains why a request comes from another site's page, or
// returns "". Browsers send Sec-Fetch-Site and, on POST, Origin; the CLI
// sends neither and is let through.
func (acc Access) crossSite(r *http.Request) string {
	switch site := r.Header.Get("Sec-Fetch-Site"); site {
	case "", "same-origin", "none":
	default:
		return fmt.Sprintf("requests from another site's page are refused (Sec-Fetch-Site: %s)", site)
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return ""
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Sprintf("requests from origin %q are refused", origin)
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if u.Scheme == scheme && strings.EqualFold(u.Host, r.Host) {
		return ""
	}
	host, port := splitHost(u.Host, u.Scheme == "https")
	if acc.nameAllowed(host, port) {
		return ""
	}
	return fmt.Sprintf("requests from origin %q are refused: it is not this redline (%s://%s)", origin, scheme, r.Host)
}
