package main

import (
	"fmt"
	"net/mail"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/redline-news/redline/crawler"
	"github.com/redline-news/redline/report"
)

// SMTPSettings is where report mail is handed over (key smtp).
type SMTPSettings struct {
	Host     string   `yaml:"host"`
	Port     int      `yaml:"port"`
	TLS      string   `yaml:"tls"`
	Username string   `yaml:"username,omitempty"`
	Password string   `yaml:"password,omitempty"`
	From     string   `yaml:"from"`
	ReplyTo  string   `yaml:"reply_to,omitempty"`
	Timeout  Duration `yaml:"timeout"`
}

// ReportsConfig holds the settings every report shares (key reports).
type ReportsConfig struct {
	// Timezone is the newsroom's, for subscribers that name none.
	Timezone string `yaml:"timezone"`
	// UnsubscribeURL (https) and UnsubscribeMailto go into
	// List-Unsubscribe; with neither, the Reply-To (else From) address is
	// the mailto, so every mail says how to stop.
	UnsubscribeURL    string `yaml:"unsubscribe_url,omitempty"`
	UnsubscribeMailto string `yaml:"unsubscribe_mailto,omitempty"`
	// Every is how often serve looks for due digests between passes.
	Every Duration `yaml:"every"`
	// KeepSent is how long delivered and refused reports stay listed in
	// the outbox (report --status); 0 keeps them forever.
	KeepSent Duration `yaml:"keep_sent"`
}

// SubscriberConfig is one person who gets report mail.
type SubscriberConfig struct {
	Email string `yaml:"email"`
	// Name is for listings only; mail goes to the bare address.
	Name          string        `yaml:"name,omitempty"`
	Cadence       string        `yaml:"cadence"`
	Timezone      string        `yaml:"timezone,omitempty"`
	Follow        report.Follow `yaml:"follow"`
	HeadlinesOnly bool          `yaml:"headlines_only,omitempty"`
}

// WebhookConfig is one webhook receiver.
type WebhookConfig struct {
	URL    string        `yaml:"url"`
	Format string        `yaml:"format"`
	Follow report.Follow `yaml:"follow"`
	Secret string        `yaml:"secret,omitempty"`
}

// validateReports checks base_url, smtp, reports, subscribers and
// webhooks; bad reports one problem.
func (c *Config) validateReports(bad func(key, format string, args ...any)) {
	if c.BaseURL != "" {
		if err := checkHTTPURL(c.BaseURL); err != nil {
			bad("base_url", "%v", err)
		}
	}
	s := c.SMTP
	if len(c.Subscribers) > 0 {
		if c.BaseURL == "" {
			bad("base_url", "must be set when there are subscribers: mails link to the web diff at this address")
		}
		if s.Host == "" {
			bad("smtp.host", "must be set when there are subscribers")
		}
		if s.From == "" {
			bad("smtp.from", "must be set when there are subscribers, e.g. \"Redline <redline@example.org>\"")
		}
	}
	if len(c.Webhooks) > 0 && c.BaseURL == "" {
		bad("base_url", "must be set when there are webhooks: their changes link to the web diff at this address")
	}
	switch s.TLS {
	case "", string(report.TLSNone), string(report.TLSStartTLS), string(report.TLSImplicit):
	default:
		bad("smtp.tls", "%q is not one of none, starttls, tls", s.TLS)
	}
	if s.Port < 0 || s.Port > 65535 {
		bad("smtp.port", "must be a port from 1 to 65535, got %d", s.Port)
	}
	if s.Timeout < 0 {
		bad("smtp.timeout", "must not be negative, got %s", s.Timeout)
	}
	for _, a := range []struct{ key, v string }{{"smtp.from", s.From}, {"smtp.reply_to", s.ReplyTo}} {
		if a.v != "" {
			if _, err := mail.ParseAddress(a.v); err != nil {
				bad(a.key, "%q is not an address such as \"Redline <redline@example.org>\"", a.v)
			}
		}
	}
	if s.Username != "" && s.TLS == string(report.TLSNone) && s.Host != "" && !isLoopbackHost(s.Host) {
		bad("smtp.password", "would travel in clear text to %s: use tls: starttls or tls", s.Host)
	}
	if _, err := report.LoadLocation(c.reportZoneName()); err != nil {
		bad("reports.timezone", "%q is not a time zone such as Europe/Berlin", c.Reports.Timezone)
	}
	if c.Reports.Every < Duration(time.Second) {
		bad("reports.every", "must be at least 1s, got %s", c.Reports.Every)
	}
	if ks := time.Duration(c.Reports.KeepSent); ks != 0 && ks < time.Hour {
		bad("reports.keep_sent", "must be 0 (keep every entry) or at least 1h, got %s", c.Reports.KeepSent)
	}
	if u := c.Reports.UnsubscribeURL; u != "" {
		if pu, err := url.Parse(u); err != nil || pu.Scheme != "https" || pu.Host == "" {
			bad("reports.unsubscribe_url", "%q is not an absolute https URL", u)
		}
	}
	if m := c.Reports.UnsubscribeMailto; m != "" {
		if a, err := mail.ParseAddress(m); err != nil || a.Name != "" {
			bad("reports.unsubscribe_mailto", "%q is not a bare address such as unsubscribe@example.org", m)
		}
	}
	seen := map[string]int{}
	for i, sc := range c.Subscribers {
		key := fmt.Sprintf("subscribers[%d]", i)
		if _, err := c.subscriber(sc); err != nil {
			bad(subscriberKey(key, err), "%s", strings.ReplaceAll(err.Error(), "report: ", ""))
			continue
		}
		addr := strings.ToLower(strings.TrimSpace(sc.Email))
		if j, dup := seen[addr]; dup {
			bad(key+".email", "%s is listed twice (also subscribers[%d])", sc.Email, j)
		}
		seen[addr] = i
	}
	hooks := map[string]int{}
	for i, w := range c.Webhooks {
		key := fmt.Sprintf("webhooks[%d]", i)
		if err := checkHTTPURL(w.URL); err != nil {
			bad(key+".url", "%v", err)
		} else if j, dup := hooks[w.URL]; dup {
			bad(key+".url", "%s is listed twice (also webhooks[%d])", w.URL, j)
		}
		hooks[w.URL] = i
		switch w.Format {
		case "", "json", "slack":
		default:
			bad(key+".format", "%q is not one of json, slack", w.Format)
		}
		if _, err := w.Follow.Validate(); err != nil {
			bad(key+".follow", "%s", strings.ReplaceAll(err.Error(), "report: ", ""))
		}
	}
}

// checkWebhookTargets applies the outbound guard to the webhook URLs. It
// runs once the environment is applied, since REDLINE_ALLOW_PRIVATE may
// allow what the file alone does not.
func (c *Config) checkWebhookTargets() []error {
	var errs []error
	for i, w := range c.Webhooks {
		if err := crawler.CheckTarget(w.URL, c.AllowPrivateTargets); err != nil {
			key := fmt.Sprintf("webhooks[%d].url", i)
			errs = append(errs, &ConfigError{File: c.path, Key: key, Line: c.lineOf(key),
				Msg: fmt.Sprintf("%v (%s)", err, privateHint)})
		}
	}
	return errs
}

// subscriberKey picks the key a subscriber problem is about, so the line
// points at it.
func subscriberKey(key string, err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "cadence"):
		return key + ".cadence"
	case strings.Contains(msg, "time zone"):
		return key + ".timezone"
	case strings.Contains(msg, "follow"):
		return key + ".follow"
	case strings.Contains(msg, "email"):
		return key + ".email"
	}
	return key
}

func (c *Config) reportZoneName() string {
	if c.Reports.Timezone == "" {
		return "UTC"
	}
	return c.Reports.Timezone
}

// subscriber is sc as package report wants it, validated.
func (c *Config) subscriber(sc SubscriberConfig) (report.Subscriber, error) {
	zone := sc.Timezone
	if zone == "" {
		zone = c.reportZoneName()
	}
	loc, err := report.LoadLocation(zone)
	if err != nil {
		return report.Subscriber{}, err
	}
	cad, err := report.ParseCadence(sc.Cadence, loc)
	if err != nil {
		return report.Subscriber{}, err
	}
	// follow.headlines_only picks changes; headlines_only here shapes the
	// mail (a short list, no word diff).
	return report.Subscriber{Email: sc.Email, Follow: sc.Follow, Cadence: cad, Location: loc, HeadlinesOnly: sc.HeadlinesOnly}.Validate()
}

// reportOptions are the newsroom-wide mail settings.
func (c *Config) reportOptions() (report.Options, error) {
	loc, err := report.LoadLocation(c.reportZoneName())
	if err != nil {
		return report.Options{}, err
	}
	o := report.Options{
		BaseURL: c.BaseURL, From: c.SMTP.From, ReplyTo: c.SMTP.ReplyTo, Location: loc,
		UnsubscribeURL: c.Reports.UnsubscribeURL, UnsubscribeMailto: c.Reports.UnsubscribeMailto,
	}
	if o.UnsubscribeURL == "" && o.UnsubscribeMailto == "" {
		addr := c.SMTP.ReplyTo
		if addr == "" {
			addr = c.SMTP.From
		}
		if a, err := mail.ParseAddress(addr); err == nil {
			o.UnsubscribeMailto = a.Address
		}
	}
	return o, nil
}

// lineOf is the line of key, or of the nearest enclosing key the file
// has, so a missing key's problem points at its entry.
func (c *Config) lineOf(key string) int {
	for key != "" {
		if l, ok := c.lines[key]; ok {
			return l
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

func isLoopbackHost(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(h)
	return err == nil && a.Unmap().IsLoopback()
}
