package report

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/redline-news/redline"
)

// WebhookChange is one entry of the JSON webhook body. Field names are
// stable; fields may be added.
type WebhookChange struct {
	StoryID         redline.StoryID `json:"story_id"`
	URL             string          `json:"url"`
	Headline        string          `json:"headline"`
	HeadlineChanged bool            `json:"headline_changed"`
	From            int             `json:"from"`
	To              int             `json:"to"`
	FromTime        time.Time       `json:"from_time,omitzero"`
	ToTime          time.Time       `json:"to_time"`
	Summary         string          `json:"summary"`
	AddedWords      int             `json:"added_words"`
	RemovedWords    int             `json:"removed_words"`
	Tags            []string        `json:"tags"`
	Permalink       string          `json:"permalink"`
}

// WebhookBody is the JSON webhook body: {"changes": [...]}, in mail order
// (headline changes first), each story's changes coalesced.
type WebhookBody struct {
	Changes []WebhookChange `json:"changes"`
}

// WebhookJSON is the JSON body for a webhook; only o.BaseURL is used.
func WebhookJSON(changes []Change, o Options) ([]byte, error) {
	cs, base, err := webhookChanges(changes, o)
	if err != nil {
		return nil, err
	}
	body := WebhookBody{Changes: make([]WebhookChange, 0, len(cs))}
	for _, c := range cs {
		body.Changes = append(body.Changes, WebhookChange{
			StoryID: c.Story, URL: c.URL, Headline: c.Headline, HeadlineChanged: c.HeadlineChanged(),
			From: c.From.N, To: c.To.N, FromTime: c.From.FetchedAt.UTC(), ToTime: c.To.FetchedAt.UTC(),
			Summary: summaryLine(c), AddedWords: c.Diff.Added, RemovedWords: c.Diff.Removed,
			Tags: append([]string{}, c.Tags...), Permalink: c.Permalink(base),
		})
	}
	b, err := json.MarshalIndent(body, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("report: webhook json: %w", err)
	}
	return append(b, '\n'), nil
}

func webhookChanges(changes []Change, o Options) ([]Change, string, error) {
	base, err := checkBaseURL(o.BaseURL)
	if err != nil {
		return nil, "", err
	}
	if len(changes) == 0 {
		return nil, "", errors.New("report: webhook: no changes")
	}
	for _, c := range changes {
		if err := c.validate(); err != nil {
			return nil, "", err
		}
	}
	return mailOrder(Coalesce(changes)), base, nil
}

// Slack caps a message at 50 blocks and a section's text at 3,000
// characters.
const (
	slackMaxBlocks = 50
	slackMaxText   = 3000
)

// WebhookSlack is a Slack-compatible body: a text fallback and one
// section block per story (a header block and, past Slack's block limit,
// a closing "and N more"). Scraped text is mrkdwn-escaped, so a headline
// cannot add a link or mention.
func WebhookSlack(changes []Change, o Options) ([]byte, error) {
	cs, base, err := webhookChanges(changes, o)
	if err != nil {
		return nil, err
	}
	type text struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	type block struct {
		Type string `json:"type"`
		Text text   `json:"text"`
	}
	title := plural(len(cs), "story", "stories") + " updated"
	var fallback []string
	blocks := []block{{Type: "header", Text: text{"plain_text", title}}}
	for i, c := range cs {
		h := slackEscape(headlineOf(c))
		fallback = append(fallback, h)
		if len(blocks) == slackMaxBlocks-1 && i < len(cs)-1 {
			blocks = append(blocks, block{"section", text{"mrkdwn", fmt.Sprintf("…and %d more", len(cs)-i)}})
			break
		}
		s := fmt.Sprintf("*<%s|%s>*\n%s · %s", c.Permalink(base), h, slackEscape(c.Site), slackEscape(summaryLine(c)))
		blocks = append(blocks, block{"section", text{"mrkdwn", truncate(s, slackMaxText)}})
	}
	body := struct {
		Text   string  `json:"text"`
		Blocks []block `json:"blocks"`
	}{truncate(title+": "+strings.Join(fallback, "; "), slackMaxText), blocks}
	b, err := json.MarshalIndent(body, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("report: webhook slack: %w", err)
	}
	return append(b, '\n'), nil
}

// slackEscape escapes the three characters Slack's mrkdwn gives meaning
// to; "|" is replaced too, since it would end a link's label early.
var slackEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "|", "¦")

func slackEscape(s string) string { return slackEscaper.Replace(oneLine(s)) }

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// SignatureHeader is the header that carries Sign's value.
const SignatureHeader = "X-Redline-Signature"

// Sign signs a webhook body sent at ts: the value of SignatureHeader is
// "t=UNIX_SECONDS,v1=HEX", where HEX is the HMAC-SHA256 under secret of
// the decimal seconds, a ".", and the body. Signing the time with the
// body lets a receiver refuse replays of old deliveries.
func Sign(secret, body []byte, ts time.Time) string {
	t := strconv.FormatInt(ts.Unix(), 10)
	return "t=" + t + ",v1=" + hex.EncodeToString(mac(secret, t, body))
}

func mac(secret []byte, t string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(t))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// Errors returned by Verify.
var (
	// ErrBadSignature is returned when the header is malformed or no v1
	// signature matches the body.
	ErrBadSignature = errors.New("webhook signature does not match")
	// ErrStaleSignature is returned when the signed time is further than
	// the tolerance from now.
	ErrStaleSignature = errors.New("webhook signature is too old or in the future")
)

// Verify checks a SignatureHeader value against the body, in constant
// time, and that its time is within tolerance of now (0: any time).
func Verify(secret, body []byte, header string, now time.Time, tolerance time.Duration) error {
	var t string
	var sigs [][]byte
	for _, kv := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		switch k {
		case "t":
			t = v
		case "v1":
			if s, err := hex.DecodeString(v); err == nil {
				sigs = append(sigs, s)
			}
		}
	}
	sec, err := strconv.ParseInt(t, 10, 64)
	if err != nil || len(sigs) == 0 {
		return fmt.Errorf("report: verify %q: %w", header, ErrBadSignature)
	}
	want := mac(secret, t, body)
	ok := false
	for _, s := range sigs {
		ok = hmac.Equal(s, want) || ok
	}
	if !ok {
		return fmt.Errorf("report: verify %q: %w", header, ErrBadSignature)
	}
	if d := now.Sub(time.Unix(sec, 0)).Abs(); tolerance > 0 && d > tolerance {
		return fmt.Errorf("report: verify %q: signed %s from now: %w", header, d, ErrStaleSignature)
	}
	return nil
}
