package report

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/textproto"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// TLSMode is how the SMTP connection is protected.
type TLSMode string

// The TLS modes.
const (
	// TLSNone sends in the clear: only for a relay on loopback.
	TLSNone TLSMode = "none"
	// TLSStartTLS upgrades the connection and refuses a server without
	// STARTTLS (port 587).
	TLSStartTLS TLSMode = "starttls"
	// TLSImplicit speaks TLS from the start (port 465).
	TLSImplicit TLSMode = "tls"
)

// SMTPConfig is where and how mail is handed over.
type SMTPConfig struct {
	Host string
	Port int // 0: 587, or 465 for TLSImplicit
	TLS  TLSMode
	// Username and Password turn on AUTH; go-mail picks the strongest
	// mechanism the server offers and refuses a plain-text password on an
	// unencrypted connection to anything but loopback.
	Username, Password string
	// Timeout bounds connecting and each message's exchange; 0 is 30s.
	Timeout time.Duration
	// TLSConfig overrides the TLS settings (a test CA); nil verifies Host.
	TLSConfig *tls.Config
}

// SMTPSender hands composed messages to one SMTP server. Each Message is
// written as DATA byte for byte, so the Message-ID and the MIME structure
// are exactly what Compose made.
type SMTPSender struct {
	client  *gomail.Client
	from    string // envelope sender
	timeout time.Duration
	server  string
}

// NewSMTPSender checks the configuration; from is the envelope sender,
// usually the From address of Options.
func NewSMTPSender(c SMTPConfig, from string) (*SMTPSender, error) {
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("report: smtp sender %q: %w", from, err)
	}
	if c.Host == "" {
		return nil, errors.New("report: smtp: no host")
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	opts := []gomail.Option{gomail.WithTimeout(c.Timeout)}
	port := c.Port
	switch c.TLS {
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case TLSStartTLS, "":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
		if port == 0 {
			port = 465
		}
	default:
		return nil, fmt.Errorf("report: smtp tls %q: want none, starttls or tls", c.TLS)
	}
	if port == 0 {
		port = 587
	}
	opts = append(opts, gomail.WithPort(port))
	if c.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(c.TLSConfig))
	}
	if c.Username != "" {
		auth := gomail.SMTPAuthAutoDiscover
		if c.TLS == TLSNone {
			// Autodiscovery offers no mechanism without TLS; a password in
			// the clear is allowed to a relay on this machine only.
			if !isLoopback(c.Host) {
				return nil, fmt.Errorf("report: smtp %s: a password over an unencrypted connection: use tls: starttls or tls", c.Host)
			}
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth),
			gomail.WithUsername(c.Username), gomail.WithPassword(c.Password))
	}
	cl, err := gomail.NewClient(c.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("report: smtp %s:%d: %w", c.Host, port, err)
	}
	return &SMTPSender{client: cl, from: addr.Address, timeout: c.Timeout, server: cl.ServerAddr()}, nil
}

// SMTPSession is one connection, for sending many messages without a
// handshake each. It is not safe for concurrent use.
type SMTPSession struct {
	s      *SMTPSender
	c      *smtp.Client
	broken error
}

// Open connects, says hello, starts TLS and authenticates. Its errors are
// temporary: a server that is down or refuses the login keeps mail queued.
func (s *SMTPSender) Open(ctx context.Context) (*SMTPSession, error) {
	c, err := s.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return nil, sendErr(false, replyCode(err), "report: smtp %s: connect: %w", s.server, err)
	}
	return &SMTPSession{s: s, c: c}, nil
}

// Broken reports the connection error that ended the session, if any;
// after one, every Send fails with it and a new session is needed.
func (ss *SMTPSession) Broken() error { return ss.broken }

// Send delivers one message to m.To. A 5xx reply to RCPT or to the end of
// DATA is permanent; a 4xx reply, a MAIL FROM refusal (the sender's
// problem, not the recipient's), a timeout or a dropped connection is
// temporary. Only a 250 after DATA counts as delivered.
func (ss *SMTPSession) Send(m Message) error {
	if ss.broken != nil {
		return ss.broken
	}
	fail := func(stage string, permanentOn5xx bool, err error) error {
		code := replyCode(err)
		e := sendErr(permanentOn5xx && code >= 500, code, "report: smtp %s: %s for %s (%s): %w", ss.s.server, stage, m.To, m.ID, err)
		if code == 0 {
			ss.broken = e
		} else {
			_ = ss.c.Reset()
		}
		return e
	}
	if err := ss.c.UpdateDeadline(ss.s.timeout); err != nil {
		return fail("deadline", false, err)
	}
	if err := ss.c.Mail(ss.s.from); err != nil {
		return fail("MAIL FROM", false, err)
	}
	if err := ss.c.Rcpt(m.To); err != nil {
		return fail("RCPT TO", true, err)
	}
	w, err := ss.c.Data()
	if err != nil {
		return fail("DATA", true, err)
	}
	if _, err := w.Write(m.Bytes()); err != nil {
		_ = w.Close()
		return fail("DATA", false, err)
	}
	if err := w.Close(); err != nil {
		return fail("end of DATA", true, err)
	}
	return nil
}

// Close says QUIT, or just drops a broken connection.
func (ss *SMTPSession) Close() error {
	if ss.broken != nil {
		return ss.c.Close()
	}
	if err := ss.c.Quit(); err != nil {
		_ = ss.c.Close()
		return fmt.Errorf("report: smtp %s: quit: %w", ss.s.server, err)
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// replyCode is the SMTP reply code in err, 0 when the server gave none.
func replyCode(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	return 0
}
