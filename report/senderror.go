package report

import (
	"errors"
	"fmt"
	"time"
)

// SendError is a delivery that did not go through, classified for the
// outbox: a permanent one is reported and never retried, any other is
// retried with back-off.
type SendError struct {
	// Permanent is set when trying again cannot help: the SMTP server
	// refused the recipient or the message with a 5xx reply, or a webhook
	// answered with a 4xx other than 408 and 429.
	Permanent bool
	// Code is the SMTP reply or HTTP status code, 0 for a connection
	// error or a timeout.
	Code int
	Err  error
}

func (e *SendError) Error() string { return e.Err.Error() }
func (e *SendError) Unwrap() error { return e.Err }

// Permanent reports whether err is a delivery failure that must not be
// retried. Errors it does not know are temporary: a failure it cannot
// classify must keep the mail queued, never drop it.
func Permanent(err error) bool {
	var se *SendError
	return errors.As(err, &se) && se.Permanent
}

// Backoff is how long to wait before attempt n+1 after n failed attempts:
// a minute, doubling, at most max (6h when 0), so a server down for a
// night gets a handful of tries rather than hundreds.
func Backoff(n int, max time.Duration) time.Duration {
	if max <= 0 {
		max = 6 * time.Hour
	}
	d := time.Minute
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}

func sendErr(permanent bool, code int, format string, args ...any) error {
	return &SendError{Permanent: permanent, Code: code, Err: fmt.Errorf(format, args...)}
}
