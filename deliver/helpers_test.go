package deliver_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/deliver"
	"github.com/redline-news/redline/internal/testutil"
	"github.com/redline-news/redline/report"
	"github.com/redline-news/redline/store"
)

// t0 is a Tuesday morning; every test clock starts here.
var t0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// The addresses and URLs below are strings in mail headers only: nothing
// resolves them, the SMTP server is on 127.0.0.1.
func reportOptions() report.Options {
	return report.Options{
		BaseURL:        "https://redline.example.org",
		From:           "Redline <redline@example.org>",
		UnsubscribeURL: "https://redline.example.org/unsubscribe",
	}
}

type fixture struct {
	t    testing.TB
	st   *store.Store
	smtp *testutil.SMTPServer
	mail *report.SMTPSender
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{t: t, st: testutil.MustOpenStore(t), smtp: testutil.StartSMTP(t)}
	f.mail = f.sender(report.SMTPConfig{})
	return f
}

func (f *fixture) sender(c report.SMTPConfig) *report.SMTPSender {
	f.t.Helper()
	c.Host, c.Port, c.TLS = f.smtp.Host, f.smtp.Port, report.TLSNone
	if c.Timeout == 0 {
		c.Timeout = 5 * time.Second
	}
	s, err := report.NewSMTPSender(c, reportOptions().From)
	if err != nil {
		f.t.Fatal(err)
	}
	return s
}

func (f *fixture) engine(o deliver.Options) *deliver.Engine {
	f.t.Helper()
	if o.Report.From == "" {
		o.Report = reportOptions()
	}
	if o.SMTP == nil {
		o.SMTP = f.mail
	}
	e, err := deliver.New(f.st, o)
	if err != nil {
		f.t.Fatal(err)
	}
	return e
}

func (f *fixture) story(url string, tags ...string) redline.StoryID {
	f.t.Helper()
	s := redline.Story{URL: url, Tags: tags, AddedAt: t0.Add(-24 * time.Hour)}
	if err := f.st.AddStory(&s); err != nil {
		f.t.Fatal(err)
	}
	return s.ID
}

// save stores a version of story id fetched at at.
func (f *fixture) save(id redline.StoryID, a redline.Article, at time.Time, reread bool) int {
	f.t.Helper()
	v := redline.Version{StoryID: id, FetchedAt: at, URL: "https://news.test/" + fmt.Sprint(id), HTTPStatus: 200, Article: a, Reread: reread}
	ok, err := f.st.SaveVersion(&v, nil)
	if err != nil || !ok {
		f.t.Fatalf("save version of story %d: stored=%v err=%v", id, ok, err)
	}
	return v.N
}

func article(headline string, paras ...string) redline.Article {
	return redline.Article{Headline: headline, Paragraphs: paras}
}

func sub(t testing.TB, email, cadence string, loc *time.Location, follow report.Follow) report.Subscriber {
	t.Helper()
	c, err := report.ParseCadence(cadence, loc)
	if err != nil {
		t.Fatal(err)
	}
	return report.Subscriber{Email: email, Cadence: c, Follow: follow, Location: loc}
}

var all = report.Follow{All: true}

func mustEnqueue(t testing.TB, e *deliver.Engine, now time.Time) int {
	t.Helper()
	n, err := e.Enqueue(now)
	if err != nil {
		t.Fatalf("enqueue at %s: %v", now, err)
	}
	return n
}

func mustSend(t testing.TB, e *deliver.Engine, now time.Time) deliver.Result {
	t.Helper()
	r, err := e.Send(context.Background(), now)
	if err != nil {
		t.Fatalf("send at %s: %v", now, err)
	}
	return r
}

// parts parses a received mail as multipart/alternative and returns its
// header and its parts' decoded bodies by media type.
func parts(t testing.TB, data []byte) (mail.Header, map[string]string) {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("received mail does not parse: %v", err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("content type %q (%v), want multipart/alternative", msg.Header.Get("Content-Type"), err)
	}
	out := map[string]string{}
	r := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := r.NextPart() // decodes quoted-printable
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("mime part: %v", err)
		}
		pt, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		b, err := io.ReadAll(p)
		if err != nil {
			t.Fatalf("mime part %s: %v", pt, err)
		}
		out[pt] = string(b)
	}
	return msg.Header, out
}

// mailsTo returns the received mails addressed to rcpt.
func mailsTo(s *testutil.SMTPServer, rcpt string) []testutil.ReceivedMail {
	var out []testutil.ReceivedMail
	for _, m := range s.Messages() {
		for _, to := range m.To {
			if strings.EqualFold(to, rcpt) {
				out = append(out, m)
			}
		}
	}
	return out
}

func outbox(t testing.TB, st *store.Store) []store.OutboxEntry {
	t.Helper()
	es, err := st.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	return es
}
