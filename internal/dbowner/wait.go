package dbowner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/web"
)

// Wait is how long Reach keeps looking for the API of a process that
// holds the database, to ride out another command's start-up.
const Wait = 3 * time.Second

// Reach returns a client for the owner of db when a live one serves it;
// otherwise it calls open to hold the database itself. While open fails
// with redline.ErrDatabaseLocked (a process that serves no API yet, or
// never will, holds it) it looks again, for up to wait; then, or for any
// other error of open, that error is returned unchanged. A nil client with
// a nil error means open succeeded.
func Reach(ctx context.Context, db, token string, wait time.Duration, open func() error) (*web.Client, web.Health, error) {
	deadline := time.Now().Add(wait)
	for {
		c, h, err := Find(ctx, db, token)
		if err != nil || c != nil {
			return c, h, err
		}
		err = open()
		if err == nil {
			return nil, web.Health{}, nil
		}
		if !errors.Is(err, redline.ErrDatabaseLocked) || time.Now().After(deadline) {
			return nil, web.Health{}, err
		}
		select {
		case <-ctx.Done():
			return nil, web.Health{}, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// ServedError is returned by Hold when a daemon already serves the
// database: two daemons would crawl every story twice.
type ServedError struct {
	DB  string
	PID int
}

func (e *ServedError) Error() string {
	return fmt.Sprintf("%s is already served by redline pid %d", e.DB, e.PID)
}

// HoldOptions tune Hold.
type HoldOptions struct {
	// Patience is how long a database held by a process that serves no
	// API (a list or track in progress) is waited for.
	Patience time.Duration
	// Poll is the pause between looks; a second when 0.
	Poll time.Duration
	// Waiting, when set, is told about each crawl found holding the
	// database, so the daemon can say what it waits for.
	Waiting func(web.Health)
}

// Hold calls open until it succeeds, for a daemon: a crawl that holds the
// database is waited for (it ends within its run budget), so a daemon
// started mid-crawl comes up after it instead of failing, while another
// daemon is refused at once with a *ServedError. open's errors other than
// redline.ErrDatabaseLocked, and ctx's, come back unchanged; the locked
// error comes back once it outlasted Patience.
func Hold(ctx context.Context, db, token string, opts HoldOptions, open func() error) error {
	poll := opts.Poll
	if poll == 0 {
		poll = time.Second
	}
	lockedSince := time.Time{}
	for {
		c, h, err := Find(ctx, db, token)
		if err != nil {
			return err
		}
		if c != nil {
			if h.Role == "daemon" {
				return &ServedError{DB: db, PID: h.PID}
			}
			if opts.Waiting != nil {
				opts.Waiting(h)
			}
		} else {
			err := open()
			if err == nil {
				return nil
			}
			if !errors.Is(err, redline.ErrDatabaseLocked) {
				return err
			}
			if lockedSince.IsZero() {
				lockedSince = time.Now()
			} else if time.Since(lockedSince) > opts.Patience {
				return err
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(poll):
		}
	}
}
