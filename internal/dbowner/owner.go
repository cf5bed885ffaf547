package dbowner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/redline-news/redline/web"
)

// Record is the owner file's content.
type Record struct {
	Addr    string    `json:"addr"`
	PID     int       `json:"pid"`
	Role    string    `json:"role"`
	DB      string    `json:"db"`
	Started time.Time `json:"started"`
}

// File is where the owner of db advertises its API.
func File(db string) string { return db + ".owner" }

// Probe bounds the health check of an advertised owner. A live redline
// answers in milliseconds; what does not answer this fast is a stale
// address another program now listens on, and waiting longer would charge
// every command for it. A live owner that was merely slow is not lost: the
// database is still locked, so Reach looks again.
const Probe = 150 * time.Millisecond

// Find returns a client for the process that holds db and its health, or
// nil when no live process does (a stale file from a killed process is
// ignored, without a network round trip when its PID is gone). The error
// is for an owner that refuses token, which no amount of waiting fixes.
func Find(ctx context.Context, db, token string) (*web.Client, web.Health, error) {
	data, err := os.ReadFile(File(db))
	if err != nil {
		return nil, web.Health{}, nil
	}
	var rec Record
	if json.Unmarshal(data, &rec) != nil || rec.Addr == "" {
		return nil, web.Health{}, nil
	}
	if rec.PID > 0 && !processAlive(rec.PID) {
		return nil, web.Health{}, nil
	}
	probe, cancel := context.WithTimeout(ctx, Probe)
	defer cancel()
	c := web.NewClient("http://"+rec.Addr, web.WithToken(token))
	h, err := c.Health(probe)
	if errors.Is(err, web.ErrUnauthorized) || errors.Is(err, web.ErrForbidden) {
		return nil, web.Health{}, fmt.Errorf("%s is held by redline pid %d at %s (per %s), which refused this command: %w; set serve.write_token (or serve.read_token) to the daemon's",
			db, rec.PID, rec.Addr, File(db), err)
	}
	if err != nil || !SameFile(h.DB, db) {
		return nil, web.Health{}, nil
	}
	return c, h, nil
}

// SameFile reports whether a and b name one existing file.
func SameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}
