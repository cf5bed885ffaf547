package crawler

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/redline-news/redline"
)

func TestGuardedTransport(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()

	refused := &http.Client{Transport: GuardedTransport(false)}
	_, err := refused.Post(srv.URL+"/hook", "application/json", strings.NewReader("{}"))
	if !errors.Is(err, redline.ErrForbiddenTarget) {
		t.Fatalf("post to loopback without allowPrivate: err = %v, want ErrForbiddenTarget", err)
	}
	if hits != 0 {
		t.Fatalf("the refused post reached the server %d times", hits)
	}

	allowed := &http.Client{Transport: GuardedTransport(true)}
	resp, err := allowed.Post(srv.URL+"/hook", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatalf("post with allowPrivate: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || hits != 1 {
		t.Fatalf("status %d, hits %d; want 204 and 1", resp.StatusCode, hits)
	}
}
