package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// A URL longer than the store can key on is the caller's mistake: 400 with
// a message that quotes only the start of it.
func TestAPI_overlongURL(t *testing.T) {
	mux, _, _ := newMux(t)
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
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body)))
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"bad_url"`) {
				t.Fatalf("%d %.300s; want 400 bad_url", rec.Code, rec.Body)
			}
			if rec.Body.Len() > 600 {
				t.Errorf("answer is %d bytes; the URL should be cut: %.300s", rec.Body.Len(), rec.Body)
			}
		})
	}
}
