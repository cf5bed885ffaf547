package report

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"time"
)

// DeliveryHeader carries an ID that is the same on every attempt of one
// delivery, so a receiver can drop a repeat, as Message-ID does for mail.
const DeliveryHeader = "X-Redline-Delivery"

// WebhookPoster posts webhook bodies.
type WebhookPoster struct {
	// Client does the requests; nil is a client with Timeout. Give it a
	// transport with the outbound address guard to keep webhooks off
	// private addresses.
	Client *http.Client
	// Timeout bounds one post; 0 is 30s.
	Timeout time.Duration
	// Now stamps the signature; nil is time.Now.
	Now func() time.Time
}

// Post sends body as JSON to url, signed with secret when it is not
// empty. A 2xx answer is delivered; a 4xx other than 408 and 429 is a
// permanent *SendError (the receiver will not change its mind); 408, 429,
// 5xx, timeouts and connection errors are temporary.
func (p WebhookPoster) Post(ctx context.Context, url, deliveryID string, body, secret []byte) error {
	timeout := p.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	client := p.Client
	if client == nil {
		client = &http.Client{Timeout: timeout}
	}
	now := p.Now
	if now == nil {
		now = time.Now
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return sendErr(true, 0, "report: webhook %s: %w", url, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "redline-webhook")
	if deliveryID != "" {
		req.Header.Set(DeliveryHeader, deliveryID)
	}
	if len(secret) > 0 {
		req.Header.Set(SignatureHeader, Sign(secret, body, now()))
	}
	resp, err := client.Do(req)
	if err != nil {
		return sendErr(false, 0, "report: webhook %s: %w", url, err)
	}
	// Drain a little so the connection can be reused, no more: a
	// receiver's answer is not ours to store.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	switch c := resp.StatusCode; {
	case c >= 200 && c < 300:
		return nil
	case c >= 400 && c < 500 && c != http.StatusRequestTimeout && c != http.StatusTooManyRequests:
		return sendErr(true, c, "report: webhook %s: refused with %s", url, resp.Status)
	default:
		return sendErr(false, c, "report: webhook %s: answered %s", url, resp.Status)
	}
}
