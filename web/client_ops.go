package web

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/redline-news/redline"
)

// Backup streams a copy of the other process's database into w. A copy
// shorter than the announced Content-Length is an error, never a backup.
func (c *Client) Backup(ctx context.Context, w io.Writer, size func(int64)) (int64, error) {
	req, err := c.newRequest(ctx, http.MethodPost, "/api/v1/backup", nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept", "application/octet-stream")
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, fmt.Errorf("redline api at %s: %w", c.base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		data, _ := io.ReadAll(io.LimitReader(resp.Body, MaxRequestBody))
		return 0, apiError(resp.StatusCode, data, nil)
	}
	if size != nil {
		size(resp.ContentLength)
	}
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return n, fmt.Errorf("redline api at %s: backup cut off after %d bytes: %w", c.base, n, err)
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		return n, fmt.Errorf("redline api at %s: backup cut off after %d of %d bytes", c.base, n, resp.ContentLength)
	}
	return n, nil
}

// Compact asks the other process to compact its database.
func (c *Client) Compact(ctx context.Context) (redline.CompactReport, error) {
	var out redline.CompactReport
	err := c.do(ctx, http.MethodPost, "/api/v1/compact", struct{}{}, &out)
	return out, err
}

// Check asks the other process to check its database.
func (c *Client) Check(ctx context.Context) (redline.CheckReport, error) {
	var out redline.CheckReport
	err := c.do(ctx, http.MethodGet, "/api/v1/check", nil, &out)
	return out, err
}
