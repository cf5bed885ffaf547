package dbowner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Server serves the API of a process holding the database and
// advertises it; Close stops both.
type Server struct {
	srv  *http.Server
	file string
	addr string
	done chan error

	closeOnce sync.Once
	closeErr  error
}

// Serve listens on addr, serves handler there and advertises the address
// in File(db) for role ("daemon", "crawl"). Requests run under ctx, so a
// signal that stops the process also cancels a crawl another command asked
// for, instead of letting it run on.
func Serve(ctx context.Context, addr, db, role string, handler http.Handler) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	o := &Server{
		srv: &http.Server{
			Handler:           handler,
			ReadHeaderTimeout: 10 * time.Second,
			BaseContext:       func(net.Listener) context.Context { return ctx },
		},
		file: File(db),
		addr: dialAddr(ln.Addr()),
		done: make(chan error, 1),
	}
	go func() { o.done <- o.srv.Serve(ln) }()
	abs, _ := filepath.Abs(db)
	rec, _ := json.Marshal(Record{Addr: o.addr, PID: os.Getpid(), Role: role, DB: abs, Started: time.Now()})
	tmp := o.file + ".tmp"
	if err := os.WriteFile(tmp, rec, 0o644); err != nil {
		o.Close(context.Background())
		return nil, fmt.Errorf("advertise API address beside %s: %w", db, err)
	}
	if err := os.Rename(tmp, o.file); err != nil {
		o.Close(context.Background())
		return nil, fmt.Errorf("advertise API address beside %s: %w", db, err)
	}
	return o, nil
}

// Close stops advertising first, so no new client is sent here, then shuts
// the server down gracefully within ctx.
// Closing twice returns the first outcome, so an error path and a deferred
// Close can both call it.
func (o *Server) Close(ctx context.Context) error {
	o.closeOnce.Do(func() {
		os.Remove(o.file)
		o.closeErr = o.srv.Shutdown(ctx)
		if serveErr := <-o.done; serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
			o.closeErr = errors.Join(o.closeErr, serveErr)
		}
	})
	return o.closeErr
}

// Addr is the address other commands dial.
func (o *Server) Addr() string { return o.addr }

// dialAddr is the address other commands on this machine dial. A
// wildcard listener is reached over 127.0.0.1, where the API's Host check
// accepts it: Go listens dual-stack for "0.0.0.0", "::" and ":port" alike
// (and reports all three as [::]), so IPv4 loopback always answers.
func dialAddr(a net.Addr) string {
	ap, err := netip.ParseAddrPort(a.String())
	if err != nil || !ap.Addr().IsUnspecified() {
		return a.String()
	}
	return netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, 0, 1}), ap.Port()).String()
}
