package deliver_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/redline-news/redline/deliver"
	"github.com/redline-news/redline/report"
	"github.com/redline-news/redline/store"
)

type hookCall struct {
	path, delivery string
	body           []byte
	sigErr         error
}

// hookServer is a real HTTP receiver on 127.0.0.1 that answers each path
// with the next status of its script (the last one repeats).
type hookServer struct {
	*httptest.Server
	mu     sync.Mutex
	script map[string][]int
	calls  []hookCall
	secret []byte
	clock  func() time.Time
}

func newHookServer(t *testing.T, secret string, clock func() time.Time, script map[string][]int) *hookServer {
	h := &hookServer{script: script, secret: []byte(secret), clock: clock}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		c := hookCall{path: r.URL.Path, delivery: r.Header.Get(report.DeliveryHeader), body: body,
			sigErr: report.Verify(h.secret, body, r.Header.Get(report.SignatureHeader), h.clock(), 5*time.Minute)}
		h.mu.Lock()
		h.calls = append(h.calls, c)
		codes := h.script[r.URL.Path]
		code := codes[0]
		if len(codes) > 1 {
			h.script[r.URL.Path] = codes[1:]
		}
		h.mu.Unlock()
		w.WriteHeader(code)
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hookServer) callsTo(path string) []hookCall {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []hookCall
	for _, c := range h.calls {
		if c.path == path {
			out = append(out, c)
		}
	}
	return out
}

func TestEngine_webhooks(t *testing.T) {
	f := newFixture(t)
	now := t0.Add(2 * time.Minute)
	srv := newHookServer(t, "hook-secret", func() time.Time { return now }, map[string][]int{
		"/json": {503, 200}, "/slack": {204}, "/gone": {410},
	})
	e := f.engine(deliver.Options{Webhooks: []deliver.Webhook{
		{URL: srv.URL + "/json", Follow: report.Follow{Tags: []string{"metro"}}, Secret: "hook-secret"},
		{URL: srv.URL + "/slack", Format: deliver.FormatSlack, Follow: all, Secret: "hook-secret"},
		{URL: srv.URL + "/gone", Follow: all},
	}})
	oneChange(t, f, e)

	if r := mustSend(t, e, now); r.Sent != 1 || r.Retried != 1 || r.Failed != 1 {
		t.Fatalf("first send = %+v, want slack sent, json retried (503), gone failed (410)", r)
	}
	now = now.Add(report.Backoff(1, 0))
	if r := mustSend(t, e, now); r.Sent != 1 || r.Retried != 0 || r.Failed != 0 {
		t.Fatalf("second send = %+v, want the json hook delivered", r)
	}
	now = now.Add(7 * time.Hour)
	if r := mustSend(t, e, now); !reflect.DeepEqual(r, deliver.Result{}) {
		t.Fatalf("later send = %+v, want nothing: the 410 hook is given up", r)
	}

	js := srv.callsTo("/json")
	if len(js) != 2 || js[0].delivery == "" || js[0].delivery != js[1].delivery {
		t.Fatalf("json hook got %d calls with delivery IDs %q, want 2 with the same ID", len(js), []string{js[0].delivery})
	}
	for _, c := range js {
		if c.sigErr != nil {
			t.Errorf("json hook signature: %v", c.sigErr)
		}
	}
	var body report.WebhookBody
	if err := json.Unmarshal(js[1].body, &body); err != nil || len(body.Changes) != 1 || body.Changes[0].From != 1 || body.Changes[0].To != 2 {
		t.Fatalf("json body %s (%v): want one change 1 → 2", js[1].body, err)
	}
	if err := report.Verify([]byte("other secret"), js[1].body, "t=1,v1=00", now, 0); err == nil {
		t.Error("Verify accepted a wrong signature")
	}
	sl := srv.callsTo("/slack")
	var slack struct {
		Text   string            `json:"text"`
		Blocks []json.RawMessage `json:"blocks"`
	}
	if len(sl) != 1 || json.Unmarshal(sl[0].body, &slack) != nil || slack.Text == "" || len(slack.Blocks) < 2 || sl[0].sigErr != nil {
		t.Fatalf("slack hook got %d calls, body %s, signature %v", len(sl), sl[0].body, sl[0].sigErr)
	}
	if n := len(srv.callsTo("/gone")); n != 1 {
		t.Fatalf("gone hook got %d calls, want 1", n)
	}
	for _, en := range outbox(t, f.st) {
		want := store.OutboxSent
		if en.Recipient == srv.URL+"/gone" {
			want = store.OutboxFailed
		}
		if en.State != want {
			t.Errorf("%s: state %s, want %s", en.Recipient, en.State, want)
		}
	}
}
