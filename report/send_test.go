package report

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	tests := []struct {
		n    int
		max  time.Duration
		want time.Duration
	}{
		{1, 0, time.Minute}, {2, 0, 2 * time.Minute}, {5, 0, 16 * time.Minute},
		{9, 0, 256 * time.Minute}, {10, 0, 6 * time.Hour}, {1000, 0, 6 * time.Hour},
		{4, 5 * time.Minute, 5 * time.Minute},
	}
	for _, tc := range tests {
		if got := Backoff(tc.n, tc.max); got != tc.want {
			t.Errorf("Backoff(%d, %s) = %s, want %s", tc.n, tc.max, got, tc.want)
		}
	}
}

func TestPermanent(t *testing.T) {
	perm := fmt.Errorf("deliver: %w", &SendError{Permanent: true, Code: 550, Err: errors.New("no such user")})
	if !Permanent(perm) {
		t.Error("a wrapped permanent SendError is not permanent")
	}
	if Permanent(errors.New("connection reset")) || Permanent(&SendError{Code: 451, Err: errors.New("later")}) {
		t.Error("an unclassified or 4xx error counts as permanent")
	}
}

func TestNewSMTPSender_refusesBadConfig(t *testing.T) {
	// No connection is made here: the host names are never resolved.
	tests := []struct {
		name string
		c    SMTPConfig
		from string
	}{
		{"no host", SMTPConfig{}, "redline@example.org"},
		{"bad tls mode", SMTPConfig{Host: "127.0.0.1", TLS: "sometimes"}, "redline@example.org"},
		{"bad from", SMTPConfig{Host: "127.0.0.1"}, "not an address"},
		{"password in the clear to another host", SMTPConfig{Host: "smtp.example.org", TLS: TLSNone, Username: "u", Password: "p"}, "redline@example.org"},
	}
	for _, tc := range tests {
		if _, err := NewSMTPSender(tc.c, tc.from); err == nil {
			t.Errorf("%s: NewSMTPSender accepted %+v", tc.name, tc.c)
		}
	}
	if _, err := NewSMTPSender(SMTPConfig{Host: "127.0.0.1", TLS: TLSNone, Username: "u", Password: "p"}, "redline@example.org"); err != nil {
		t.Errorf("password to a loopback relay: %v", err)
	}
}
