package dbowner

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/tracker"
	"github.com/redline-news/redline/web"
)

// serveOwner holds a real store and serves its API as role, advertised
// beside the store's file, the way serve and crawl do.
func serveOwner(t *testing.T, role string, acc web.Access) (db string, o *Server) {
	t.Helper()
	st := testutil.MustOpenStore(t)
	mux := http.NewServeMux()
	web.NewAPI(&tracker.Service{Store: st}, web.Health{Version: "test", DB: st.Path(), Role: role}, nil).Restrict(acc).Register(mux)
	o, err := Serve(context.Background(), "127.0.0.1:0", st.Path(), role, mux)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { o.Close(context.Background()) })
	return st.Path(), o
}

func TestServe_advertisesAndFindReaches(t *testing.T) {
	db, o := serveOwner(t, "crawl", web.Access{})
	c, h, err := Find(context.Background(), db, "")
	if err != nil || c == nil {
		t.Fatalf("Find = %v, %v; want a client", c, err)
	}
	if h.Role != "crawl" || h.PID != os.Getpid() || !SameFile(h.DB, db) {
		t.Errorf("health = %+v; want this process's crawl on %s", h, db)
	}
	if _, err := c.Stories(context.Background()); err != nil {
		t.Errorf("the found client does not reach the service: %v", err)
	}
	if err := o.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(File(db)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("owner file after Close: %v; want it gone", err)
	}
	if c, _, err := Find(context.Background(), db, ""); c != nil || err != nil {
		t.Errorf("Find after Close = %v, %v; want nothing", c, err)
	}
}

func TestFind_refusedTokenIsAnError(t *testing.T) {
	db, _ := serveOwner(t, "daemon", web.Access{WriteToken: "right"})
	c, _, err := Find(context.Background(), db, "wrong")
	if c != nil || !errors.Is(err, web.ErrUnauthorized) || !strings.Contains(err.Error(), db) {
		t.Fatalf("Find with a wrong token = %v, %v; want ErrUnauthorized naming %s", c, err, db)
	}
	if c, _, err := Find(context.Background(), db, "right"); c == nil || err != nil {
		t.Errorf("Find with the token = %v, %v; want a client", c, err)
	}
}

// An owner file copied beside another database must not send that
// database's commands to the wrong process.
func TestFind_otherDatabaseIgnored(t *testing.T) {
	db, o := serveOwner(t, "daemon", web.Access{})
	other := tempDB(t)
	data, err := os.ReadFile(File(db))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(File(other), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if c, _, err := Find(context.Background(), other, ""); c != nil || err != nil {
		t.Errorf("Find for %s = %v, %v; want nothing: %s serves %s", other, c, err, o.Addr(), db)
	}
}

func TestDialAddr(t *testing.T) {
	tests := []struct {
		name string
		addr net.Addr
		want string
	}{
		{"loopback kept", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, "127.0.0.1:8080"},
		{"IPv4 wildcard dialled on loopback", &net.TCPAddr{IP: net.IPv4zero, Port: 8080}, "127.0.0.1:8080"},
		{"IPv6 wildcard dialled on loopback", &net.TCPAddr{IP: net.IPv6unspecified, Port: 9}, "127.0.0.1:9"},
		{"IPv6 loopback kept", &net.TCPAddr{IP: net.IPv6loopback, Port: 9}, "[::1]:9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dialAddr(tt.addr); got != tt.want {
				t.Errorf("dialAddr(%s) = %s, want %s", tt.addr, got, tt.want)
			}
		})
	}
}

func TestReach(t *testing.T) {
	lockedErr := errors.Join(errors.New("open"), redline.ErrDatabaseLocked)
	other := errors.New("disk on fire")
	tests := []struct {
		name      string
		wait      time.Duration
		results   []error // what open returns, call by call
		wantErr   error
		wantCalls int
	}{
		{"opens at once", time.Second, []error{nil}, nil, 1},
		{"rides out a short lock", 5 * time.Second, []error{lockedErr, lockedErr, nil}, nil, 3},
		{"gives up on a lock after wait", 0, []error{lockedErr, nil}, lockedErr, 1},
		{"other errors at once, unchanged", 5 * time.Second, []error{other, nil}, other, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := tempDB(t)
			calls := 0
			c, _, err := Reach(context.Background(), db, "", tt.wait, func() error {
				calls++
				return tt.results[calls-1]
			})
			if c != nil || err != tt.wantErr || calls != tt.wantCalls {
				t.Errorf("Reach = %v, %v after %d opens; want no client, %v after %d", c, err, calls, tt.wantErr, tt.wantCalls)
			}
		})
	}
}

func TestReach_prefersTheOwner(t *testing.T) {
	db, _ := serveOwner(t, "daemon", web.Access{})
	c, h, err := Reach(context.Background(), db, "", Wait, func() error {
		t.Error("opened a database that a live owner serves")
		return nil
	})
	if c == nil || err != nil || h.Role != "daemon" {
		t.Errorf("Reach = %v, %+v, %v; want the daemon", c, h, err)
	}
}

func TestHold_refusesASecondDaemon(t *testing.T) {
	db, _ := serveOwner(t, "daemon", web.Access{})
	err := Hold(context.Background(), db, "", HoldOptions{Poll: time.Millisecond}, func() error {
		t.Error("opened a database another daemon serves")
		return nil
	})
	var served *ServedError
	if !errors.As(err, &served) || served.PID != os.Getpid() || !strings.Contains(err.Error(), db) {
		t.Fatalf("Hold = %v; want a ServedError naming %s and pid %d", err, db, os.Getpid())
	}
}

func TestHold_waitsForACrawl(t *testing.T) {
	db, o := serveOwner(t, "crawl", web.Access{})
	waited := 0
	opened := false
	err := Hold(context.Background(), db, "", HoldOptions{Poll: time.Millisecond, Waiting: func(h web.Health) {
		waited++
		if h.Role != "crawl" {
			t.Errorf("waiting for %q, want the crawl", h.Role)
		}
		o.Close(context.Background()) // the crawl ends
	}}, func() error {
		opened = true
		return nil
	})
	if err != nil || waited != 1 || !opened {
		t.Errorf("Hold = %v after %d waits, opened %t; want it to open once the crawl ended", err, waited, opened)
	}
}

func TestHold_lockPatience(t *testing.T) {
	db := tempDB(t)
	lockedErr := errors.Join(errors.New("open "+db), redline.ErrDatabaseLocked)
	calls := 0
	start := time.Now()
	err := Hold(context.Background(), db, "", HoldOptions{Patience: 20 * time.Millisecond, Poll: time.Millisecond}, func() error {
		calls++
		return lockedErr
	})
	if err != lockedErr || calls < 2 || time.Since(start) < 20*time.Millisecond {
		t.Errorf("Hold = %v after %d opens in %s; want the lock error after the patience", err, calls, time.Since(start))
	}
	other := errors.New("disk on fire")
	if err := Hold(context.Background(), db, "", HoldOptions{Patience: time.Hour}, func() error { return other }); err != other {
		t.Errorf("Hold with a broken database = %v; want its error unchanged", err)
	}
}

func TestHold_stopsWithItsContext(t *testing.T) {
	db := tempDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	err := Hold(ctx, db, "", HoldOptions{Patience: time.Hour, Poll: time.Hour}, func() error {
		cancel()
		return redline.ErrDatabaseLocked
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Hold after cancel = %v; want context.Canceled", err)
	}
}
