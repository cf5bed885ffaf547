package report

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/redline-news/redline"
)

func TestWebhook_golden(t *testing.T) {
	changes := []Change{bridgeChange(), headlineChange(), paragraphsAdded(), budgetChange()}
	j, err := WebhookJSON(changes, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "webhook.json", j)
	s, err := WebhookSlack(changes, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "webhook-slack.json", s)

	var body WebhookBody
	if err := json.Unmarshal(j, &body); err != nil {
		t.Fatal(err)
	}
	first := body.Changes[0]
	if len(body.Changes) != 3 || first.StoryID != 7 || first.From != 3 || first.To != 5 || !first.HeadlineChanged ||
		first.Permalink != "https://redline.newsroom.test/stories/7/diff/3/5" || first.AddedWords == 0 {
		t.Errorf("webhook body %+v", body.Changes)
	}
}

func TestWebhookSlack_escapes(t *testing.T) {
	c := bridgeChange()
	c.Headline = "Bridge <!channel> & <https://evil.test|click> closed"
	b, err := WebhookSlack([]Change{c}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Text   string
		Blocks []struct{ Text struct{ Text string } }
	}
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{body.Text, body.Blocks[1].Text.Text} {
		if strings.Contains(s, "<!channel>") || strings.Contains(s, "<https://evil") {
			t.Errorf("unescaped mrkdwn in %q", s)
		}
		if !strings.Contains(s, "&lt;!channel&gt; &amp; &lt;https://evil.test¦click&gt;") {
			t.Errorf("headline not escaped as expected in %q", s)
		}
	}
	if !strings.HasPrefix(body.Blocks[1].Text.Text, "*<https://redline.newsroom.test/stories/12/diff/1/2|") {
		t.Errorf("block does not link the permalink: %q", body.Blocks[1].Text.Text)
	}
}

func TestWebhookSlack_blockLimit(t *testing.T) {
	var cs []Change
	for i := range 80 {
		c := bridgeChange()
		c.Story += redline.StoryID(i)
		cs = append(cs, c)
	}
	b, err := WebhookSlack(cs, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Blocks []struct{ Text struct{ Text string } }
	}
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatal(err)
	}
	if n := len(body.Blocks); n != slackMaxBlocks {
		t.Errorf("%d blocks, want %d", n, slackMaxBlocks)
	}
	if last := body.Blocks[len(body.Blocks)-1].Text.Text; last != "…and 32 more" {
		t.Errorf("last block %q", last)
	}
}

func TestSign_Verify(t *testing.T) {
	secret := []byte("s3cret-webhook-key")
	body, err := WebhookJSON([]Change{bridgeChange()}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	sig := Sign(secret, body, t0)
	if !strings.HasPrefix(sig, "t=1796108400,v1=") || len(sig) != len("t=1796108400,v1=")+64 {
		t.Fatalf("signature %q", sig)
	}
	if err := Verify(secret, body, sig, t0.Add(time.Minute), 5*time.Minute); err != nil {
		t.Errorf("valid signature refused: %v", err)
	}
	tampered := []byte(strings.Replace(string(body), `"story_id": 12`, `"story_id": 13`, 1))
	if string(tampered) == string(body) {
		t.Fatal("tampering changed nothing")
	}
	tamperedTime := strings.Replace(sig, "t=1796108400", "t=1796108460", 1)
	tests := []struct {
		name   string
		secret []byte
		body   []byte
		header string
		now    time.Time
		want   error
	}{
		{"tampered body", secret, tampered, sig, t0, ErrBadSignature},
		{"tampered time", secret, body, tamperedTime, t0, ErrBadSignature},
		{"other secret", []byte("other"), body, sig, t0, ErrBadSignature},
		{"no signature", secret, body, "t=1796108400", t0, ErrBadSignature},
		{"garbage", secret, body, "sha256=abc", t0, ErrBadSignature},
		{"replayed later", secret, body, sig, t0.Add(time.Hour), ErrStaleSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(tt.secret, tt.body, tt.header, tt.now, 5*time.Minute)
			if !errors.Is(err, tt.want) {
				t.Errorf("Verify = %v, want %v", err, tt.want)
			}
		})
	}
	// A receiver rotating secrets may accept either of two v1 values.
	both := sig + ",v1=" + strings.Repeat("00", 32)
	if err := Verify(secret, body, both, t0, 0); err != nil {
		t.Errorf("signature among two refused: %v", err)
	}
}
