package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/redline-news/redline"
	"github.com/redline-news/redline/report"
	"github.com/redline-news/redline/web"
)

// previewOptions are the mail settings of a preview or test mail: the
// configured ones, with stand-ins where a config meant only for crawling
// has none, since no one subscribes to a preview.
func (a *app) previewOptions() (report.Options, error) {
	o, err := a.cfg.reportOptions()
	if err != nil {
		return o, err
	}
	if o.BaseURL == "" {
		o.BaseURL = "http://" + a.cfg.Serve.Addr
	}
	if o.From == "" {
		o.From = "Redline <redline@localhost>"
	}
	if o.UnsubscribeURL == "" && o.UnsubscribeMailto == "" {
		a, _ := mail.ParseAddress(o.From)
		o.UnsubscribeMailto = a.Address
	}
	return o, nil
}

// reportPreview writes the HTML part of the mail for one change of a
// story, for editors to see the layout in a browser.
func (a *app) reportPreview(cmd *cobra.Command, ref string, args []string) error {
	s, err := a.session(cmd.Context(), readOnly)
	if err != nil {
		return err
	}
	defer s.Close()
	story, err := findStory(cmd, s, ref)
	if err != nil {
		return err
	}
	st := web.NewStoryView(story)
	from, to := st.Versions-1, st.Versions
	if len(args) == 2 {
		if from, err = parseVersionArg(args[0]); err != nil {
			return err
		}
		if to, err = parseVersionArg(args[1]); err != nil {
			return err
		}
	}
	if err := checkVersion(st, to); err != nil {
		return err
	}
	if from < 1 || from >= to {
		return usagef("report --preview %s: versions %d → %d: need an earlier and a later version (the story has %s)", ref, from, to, plural(st.Versions, "version"))
	}
	vs := make([]redline.Version, 2)
	for i, n := range []int{from, to} {
		if vs[i], err = s.svc.Version(cmd.Context(), story.ID, n); err != nil {
			return versionMissing(st, n, err)
		}
	}
	o, err := a.previewOptions()
	if err != nil {
		return err
	}
	addr, _ := mail.ParseAddress(o.From)
	sub := report.Subscriber{Email: addr.Address, Follow: report.Follow{All: true}, Cadence: report.Cadence{Kind: report.Immediate}}
	m, err := report.Compose(sub, []report.Change{report.NewChange(story, vs[0], vs[1])}, o)
	if err != nil {
		return fmt.Errorf("report --preview %s: %w", ref, err)
	}
	html, err := mailPart(m.Bytes(), "text/html")
	if err != nil {
		return fmt.Errorf("report --preview %s: %w", ref, err)
	}
	_, err = a.stdout.Write(html)
	return err
}

// reportTestTo sends one sample mail through the configured SMTP server,
// outside the outbox: it checks the server, the login and the layout in a
// real mail client, and leaves every subscriber's deliveries alone.
func (a *app) reportTestTo(ctx context.Context, to string) error {
	if a.cfg.SMTP.Host == "" || a.cfg.SMTP.From == "" {
		return usagef("report --test-to: set smtp.host and smtp.from in config %s first", a.configName())
	}
	o, err := a.previewOptions()
	if err != nil {
		return err
	}
	sub, err := report.Subscriber{Email: to, Follow: report.Follow{All: true}, Cadence: report.Cadence{Kind: report.Immediate}}.Validate()
	if err != nil {
		return usagef("report --test-to %q: %w", to, err)
	}
	now := a.now()
	o.Now = func() time.Time { return now }
	m, err := report.Compose(sub, []report.Change{sampleChange(now)}, o)
	if err != nil {
		return fmt.Errorf("report --test-to %s: %w", to, err)
	}
	sender, err := a.smtpSender()
	if err != nil {
		return usageError{err}
	}
	sess, err := sender.Open(ctx)
	if err != nil {
		return fmt.Errorf("report --test-to %s: %w", to, err)
	}
	defer sess.Close()
	if err := sess.Send(m); err != nil {
		return fmt.Errorf("report --test-to %s: %w", to, err)
	}
	fmt.Fprintf(a.stdout, "report --test-to: sample mail %s sent to %s through %s\n", m.ID, sub.Email, a.cfg.SMTP.Host)
	return nil
}

// sampleChange is a made-up edit with every kind of mark: a headline
// change, a changed, an added and a removed paragraph.
func sampleChange(now time.Time) report.Change {
	story := redline.Story{ID: 1, URL: "https://news.example.com/metro/bridge-closure", Tags: []string{"metro"}, Versions: 2}
	from := redline.Version{N: 1, FetchedAt: now.Add(-40 * time.Minute), Article: redline.Article{
		Headline:   "Bridge closed after routine inspection",
		Paragraphs: []string{"The Harbour Bridge was closed on Tuesday after a routine inspection found cracks in two supports.", "Traffic is being diverted through the tunnel.", "Officials said the closure would last a few days."},
	}}
	to := redline.Version{N: 2, FetchedAt: now.Add(-5 * time.Minute), Article: redline.Article{
		Headline:   "Bridge closed indefinitely after inspection finds cracks",
		Paragraphs: []string{"The Harbour Bridge was closed on Tuesday night after an inspection found cracks in four supports.", "Traffic is being diverted through the tunnel.", "Engineers will assess the supports on Wednesday; the city has not said when the bridge will reopen."},
	}}
	return report.NewChange(story, from, to)
}

// mailPart returns the decoded body of the first part of a multipart
// message with the given media type.
func mailPart(raw []byte, want string) ([]byte, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("read composed mail: %w", err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(mt, "multipart/") {
		return nil, fmt.Errorf("composed mail is %q, not multipart", mt)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("composed mail has no %s part", want)
		}
		if err != nil {
			return nil, fmt.Errorf("read composed mail: %w", err)
		}
		if pt, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type")); pt != want {
			continue
		}
		var r io.Reader = p
		if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
			r = quotedprintable.NewReader(p)
		}
		return io.ReadAll(r)
	}
}
