package web_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A URL longer than the store can key on is the caller's mistake: 400 with
// a message that quotes only the start of it.
func TestAPI_overlongURL(t *testing.T) {
	srv, _ := newGuardedAPI(t, true)
	huge := "http://127.0.0.1/story?id=" + strings.Repeat("x", 40<<10)
	body, _ := json.Marshal(map[string]string{"url": huge})
	tests := []struct {
		name   string
		method string
		path   string
		body   string
	}{
		{"track", "POST", "/api/v1/stories", string(body)},
		{"lookup", "GET", "/api/v1/stories/lookup?ref=" + url.QueryEscape(huge), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, srv.URL+tt.path, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			answer, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(answer), `"bad_url"`) {
				t.Fatalf("%d %.300s; want 400 bad_url", resp.StatusCode, answer)
			}
			if len(answer) > 600 {
				t.Errorf("answer is %d bytes; the URL should be cut: %.300s", len(answer), answer)
			}
		})
	}
}
