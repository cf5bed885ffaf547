package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/store"
	"github.com/redline-news/redline/web"
)

// newGuardedAPI serves the API over a real store and a crawler with the
// outbound guard on, or off with allowPrivate.
func newGuardedAPI(t *testing.T, allowPrivate bool) (*httptest.Server, *store.Store) {
	t.Helper()
	svc := newService(t, allowPrivate)
	return serveService(t, svc, web.Access{}), svc.Store
}

// forbiddenHosts are the spellings of issue #9's attack, plus redline's own
// API address, added per test.
var forbiddenHosts = []string{
	"127.0.0.1", "localhost", "127.1", "0x7f000001", "2130706433", "0177.0.0.1", "0.0.0.0",
	"[::1]", "[::ffff:127.0.0.1]", "169.254.169.254", "metadata.google.internal", "10.0.0.1",
	"192.168.1.1", "[fe80::1]", "[fd00:ec2::254]", "100.100.100.200", "100.64.0.1",
}

func postStory(t *testing.T, api, url string) (int, web.ErrorBody) {
	t.Helper()
	body, _ := json.Marshal(web.TrackRequest{URL: url})
	resp, err := http.Post(api+"/api/v1/stories", "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var eb web.ErrorBody
	if resp.StatusCode != http.StatusCreated {
		if err := json.NewDecoder(resp.Body).Decode(&eb); err != nil {
			t.Fatalf("POST %s: HTTP %d with an unreadable body: %v", url, resp.StatusCode, err)
		}
	}
	return resp.StatusCode, eb
}

func TestAPI_trackForbiddenTarget(t *testing.T) {
	api, st := newGuardedAPI(t, false)
	urls := []string{api.URL + "/api/v1/stories/1/versions/latest/raw"}
	for _, h := range forbiddenHosts {
		urls = append(urls, "http://"+h+"/news/story")
	}
	for _, u := range urls {
		status, eb := postStory(t, api.URL, u)
		if status != http.StatusBadRequest || eb.Code != "forbidden_target" || !strings.Contains(eb.Error, u) {
			t.Errorf("POST %s: %d %+v; want 400 forbidden_target naming the URL", u, status, eb)
		}
	}
	if all, err := st.Stories(); err != nil || len(all) != 0 {
		t.Errorf("stored after refusals: %d stories, %v; want none", len(all), err)
	}
	// The client turns the code back into the sentinel, so the CLI can
	// treat it as the caller's mistake.
	_, err := web.NewClient(api.URL).Track(context.Background(), redline.TrackRequest{URL: "http://127.1/x"})
	if !errors.Is(err, redline.ErrForbiddenTarget) || !strings.Contains(err.Error(), "http://127.1/x") {
		t.Errorf("client Track = %v; want ErrForbiddenTarget naming the URL", err)
	}
}

func TestAPI_trackPrivateTargetAllowed(t *testing.T) {
	api, st := newGuardedAPI(t, true)
	urls := []string{api.URL + "/own"}
	for _, h := range forbiddenHosts {
		urls = append(urls, "http://"+h+"/news/story")
	}
	for _, u := range urls {
		if status, eb := postStory(t, api.URL, u); status != http.StatusCreated {
			t.Errorf("POST %s with private targets allowed: %d %+v; want 201", u, status, eb)
		}
	}
	if all, err := st.Stories(); err != nil || len(all) != len(urls) {
		t.Errorf("%d stories stored, %v; want %d", len(all), err, len(urls))
	}
	// A host that is no address but would go to DNS as a name stays a bad URL.
	if status, eb := postStory(t, api.URL, "http://1.2.3.999/x"); status != http.StatusBadRequest || eb.Code != "bad_url" {
		t.Errorf("POST a bad number host: %d %+v; want 400 bad_url", status, eb)
	}
}
