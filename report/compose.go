package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"mime/multipart"
	"net/mail"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redline-news/redline"
)

// Options are the newsroom-wide settings of every mail.
type Options struct {
	// BaseURL is where the web UI is served, for permalinks
	// (https://redline.example.org).
	BaseURL string
	// From and ReplyTo are addresses, optionally with a display name
	// ("Redline <redline@example.org>"). ReplyTo may be empty.
	From, ReplyTo string
	// UnsubscribeURL (https) and UnsubscribeMailto (an address) go into
	// List-Unsubscribe; at least one is required. With an https URL the
	// mail also offers one-click unsubscribe (RFC 8058).
	UnsubscribeURL, UnsubscribeMailto string
	// Location is the newsroom's time zone, for subscribers without one;
	// nil is UTC.
	Location *time.Location
	// Now is the clock for the Date header and digest dates; nil is
	// time.Now.
	Now func() time.Time
}

// Message is one composed mail.
type Message struct {
	// ID is the Message-ID, angle brackets included.
	ID      string
	To      string
	Subject string // decoded
	Date    time.Time
	// Stories are the stories the mail reports, in mail order.
	Stories []redline.StoryID
	// Header lists the headers in order, values encoded but not folded.
	Header []HeaderField
	raw    []byte
}

// Bytes returns the message in RFC 5322 form, CRLF line ends.
func (m Message) Bytes() []byte { return m.raw }

// WriteTo writes the message in RFC 5322 form.
func (m Message) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(m.raw)
	if err != nil {
		return int64(n), fmt.Errorf("report: write message %s: %w", m.ID, err)
	}
	return int64(n), nil
}

// mailOptions is Options checked and parsed once per Composer.
type mailOptions struct {
	Options
	from, replyTo *mail.Address
	base          string
}

func (o Options) check() (mailOptions, error) {
	mo := mailOptions{Options: o}
	var err error
	if mo.from, err = mail.ParseAddress(o.From); err != nil {
		return mo, fmt.Errorf("report: from %q: %w", o.From, err)
	}
	if o.ReplyTo != "" {
		if mo.replyTo, err = mail.ParseAddress(o.ReplyTo); err != nil {
			return mo, fmt.Errorf("report: reply-to %q: %w", o.ReplyTo, err)
		}
	}
	if mo.base, err = checkBaseURL(o.BaseURL); err != nil {
		return mo, err
	}
	if o.UnsubscribeURL == "" && o.UnsubscribeMailto == "" {
		return mo, fmt.Errorf("report: no unsubscribe URL or mailto: every report mail must say how to stop")
	}
	if o.UnsubscribeURL != "" {
		u, err := url.Parse(o.UnsubscribeURL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return mo, fmt.Errorf("report: unsubscribe URL %q: want an absolute https URL", o.UnsubscribeURL)
		}
	}
	if o.UnsubscribeMailto != "" {
		if a, err := mail.ParseAddress(o.UnsubscribeMailto); err != nil || a.Name != "" {
			return mo, fmt.Errorf("report: unsubscribe mailto %q: want a bare address", o.UnsubscribeMailto)
		}
	}
	if mo.Location == nil {
		mo.Location = time.UTC
	}
	if mo.Now == nil {
		mo.Now = time.Now
	}
	return mo, nil
}

func checkBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("report: base URL %q: want an absolute http(s) URL without query", s)
	}
	return strings.TrimRight(s, "/"), nil
}

// Compose builds the mail reporting changes to sub: the changes of each
// story coalesced into one section, headline changes first. It fails on
// an invalid subscriber, option or change, and on an empty change list.
// It mails the changes it is given: filtering by Follow is Due's job. A
// run that mails many subscribers should use one Composer instead.
func Compose(sub Subscriber, changes []Change, o Options) (Message, error) {
	c, err := NewComposer(o)
	if err != nil {
		return Message{}, err
	}
	return c.Compose(sub, changes)
}

// mailOrder puts headline changes first, then the newest change.
func mailOrder(cs []Change) []Change {
	slices.SortStableFunc(cs, func(a, b Change) int {
		if a.HeadlineChanged() != b.HeadlineChanged() {
			if a.HeadlineChanged() {
				return -1
			}
			return 1
		}
		return cmp.Or(b.DetectedAt().Compare(a.DetectedAt()), cmp.Compare(a.Story, b.Story))
	})
	return cs
}

func headers(m Message, cs []Change, mo mailOptions) []HeaderField {
	stories := make([]string, len(cs))
	for i, c := range cs {
		stories[i] = strconv.FormatUint(uint64(c.Story), 10) + ":" + strconv.Itoa(c.From.N) + "-" + strconv.Itoa(c.To.N)
	}
	h := []HeaderField{
		{"Date", m.Date.In(mo.Location).Format(time.RFC1123Z)},
		{"From", mo.from.String()},
		{"To", (&mail.Address{Address: m.To}).String()},
	}
	if mo.replyTo != nil {
		h = append(h, HeaderField{"Reply-To", mo.replyTo.String()})
	}
	var unsub []string
	if mo.UnsubscribeMailto != "" {
		unsub = append(unsub, "<mailto:"+mo.UnsubscribeMailto+"?subject=unsubscribe>")
	}
	if mo.UnsubscribeURL != "" {
		unsub = append(unsub, "<"+mo.UnsubscribeURL+">")
	}
	h = append(h,
		HeaderField{"Subject", encodeText(m.Subject)},
		HeaderField{"Message-ID", m.ID},
		HeaderField{"MIME-Version", "1.0"},
		HeaderField{"Auto-Submitted", "auto-generated"},
		HeaderField{"List-Unsubscribe", strings.Join(unsub, ", ")},
	)
	if mo.UnsubscribeURL != "" {
		h = append(h, HeaderField{"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"})
	}
	return append(h,
		HeaderField{"X-Redline-Stories", strings.Join(stories, ", ")},
		HeaderField{"Content-Type", `multipart/alternative; boundary="` + boundaryOf(m.ID) + `"`},
	)
}

// boundaryOf derives the MIME boundary from the Message-ID, so the same
// mail is the same bytes. The hex digits and "=_" cannot occur in
// quoted-printable text lines, so the boundary never collides with a part.
func boundaryOf(id string) string {
	return "=_rl_" + strings.Trim(strings.SplitN(id, "@", 2)[0], "<")[:24]
}

func domainOf(addr string) string {
	return addr[strings.LastIndexByte(addr, '@')+1:]
}

// writeBody writes both parts from their pieces, each encoded apart
// (see section).
func writeBody(w *bytes.Buffer, boundary string, v mailView) error {
	mw := multipart.NewWriter(w)
	if err := mw.SetBoundary(boundary); err != nil {
		return fmt.Errorf("set boundary: %w", err)
	}
	htmlHead, err := htmlPiece("head", v)
	if err != nil {
		return err
	}
	htmlFoot, err := htmlPiece("foot", v)
	if err != nil {
		return err
	}
	parts := []struct {
		ctype      string
		head, foot string
		body       func(section) []byte
	}{
		{"text/plain; charset=utf-8", textHead(v), textFoot(v), func(s section) []byte { return s.Text }},
		{"text/html; charset=utf-8", htmlHead, htmlFoot, func(s section) []byte { return s.HTML }},
	}
	for _, p := range parts {
		pw, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {p.ctype},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return fmt.Errorf("create %s part: %w", p.ctype, err)
		}
		// Writes to a bytes.Buffer through multipart cannot fail.
		_, _ = pw.Write(qp(p.head))
		for _, s := range v.Sections {
			_, _ = pw.Write(p.body(s))
		}
		_, _ = pw.Write(qp(p.foot))
	}
	if err := mw.Close(); err != nil {
		return fmt.Errorf("close multipart: %w", err)
	}
	return nil
}
