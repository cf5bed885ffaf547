package main

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
	"time"

	"github.com/redline-news/redline/web"
)

// bbolt lets one process hold a database read-write, so the process that
// holds it (the daemon, or a cron crawl while it runs) publishes its API
// address in a file beside the database, and every other redline command
// on that database goes through that API instead of opening the file.

type ownerRecord struct {
	Addr    string    `json:"addr"`
	PID     int       `json:"pid"`
	Role    string    `json:"role"`
	DB      string    `json:"db"`
	Started time.Time `json:"started"`
}

func ownerFile(db string) string { return db + ".owner" }

// ownerProbe bounds the health check of an advertised owner. A live redline
// answers in milliseconds; what does not answer this fast is a stale
// address another program now listens on, and waiting longer would charge
// every command for it. A live owner that was merely slow is not lost: the
// database is still locked, so session looks again.
const ownerProbe = 150 * time.Millisecond

// findOwner returns a client for the process that holds the database and
// its health, or nil when no live process does (a stale file from a killed
// process is ignored, without a network round trip when its PID is gone).
// The error is for an owner that refuses this process's token, which no
// amount of waiting fixes.
func (a *app) findOwner(ctx context.Context) (*web.Client, web.Health, error) {
	return findOwner(ctx, a.cfg.DB, a.cfg.Serve.clientToken())
}

func findOwner(ctx context.Context, db, token string) (*web.Client, web.Health, error) {
	data, err := os.ReadFile(ownerFile(db))
	if err != nil {
		return nil, web.Health{}, nil
	}
	var rec ownerRecord
	if json.Unmarshal(data, &rec) != nil || rec.Addr == "" {
		return nil, web.Health{}, nil
	}
	if rec.PID > 0 && !processAlive(rec.PID) {
		return nil, web.Health{}, nil
	}
	probe, cancel := context.WithTimeout(ctx, ownerProbe)
	defer cancel()
	c := web.NewClient("http://"+rec.Addr, web.WithToken(token))
	h, err := c.Health(probe)
	if errors.Is(err, web.ErrUnauthorized) || errors.Is(err, web.ErrForbidden) {
		return nil, web.Health{}, fmt.Errorf("%s is held by redline pid %d at %s (per %s), which refused this command: %w; set serve.write_token (or serve.read_token) to the daemon's",
			db, rec.PID, rec.Addr, ownerFile(db), err)
	}
	if err != nil || !sameFile(h.DB, db) {
		return nil, web.Health{}, nil
	}
	return c, h, nil
}

func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// ownerServer serves the API of a process holding the database and
// advertises it; Close stops both.
type ownerServer struct {
	srv  *http.Server
	file string
	addr string
	done chan error
}

// Requests run under ctx, so a signal that stops the process also cancels
// a crawl another command asked for, instead of letting it run on.
func startOwnerServer(ctx context.Context, addr, db, role string, handler http.Handler) (*ownerServer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	o := &ownerServer{
		srv: &http.Server{
			Handler:           handler,
			ReadHeaderTimeout: 10 * time.Second,
			BaseContext:       func(net.Listener) context.Context { return ctx },
		},
		file: ownerFile(db),
		addr: dialAddr(ln.Addr()),
		done: make(chan error, 1),
	}
	go func() { o.done <- o.srv.Serve(ln) }()
	abs, _ := filepath.Abs(db)
	rec, _ := json.Marshal(ownerRecord{Addr: o.addr, PID: os.Getpid(), Role: role, DB: abs, Started: time.Now()})
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
func (o *ownerServer) Close(ctx context.Context) error {
	os.Remove(o.file)
	err := o.srv.Shutdown(ctx)
	if serveErr := <-o.done; serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	return err
}

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
