package testutil

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/mail"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// ReceivedMail is one message an SMTPServer accepted.
type ReceivedMail struct {
	From string
	To   []string
	Data []byte
}

// MessageID is the Message-ID header of the mail, "" when it has none.
func (m ReceivedMail) MessageID() string {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return ""
	}
	return msg.Header.Get("Message-Id")
}

// SMTPServer is a real SMTP server on 127.0.0.1 that records what it
// accepts and can be told to misbehave the ways real ones do: refuse a
// recipient for good (550), refuse for now (451), drop the connection
// in the middle of DATA, or be down.
type SMTPServer struct {
	Host string
	Port int

	mu         sync.Mutex
	srv        *smtp.Server
	ln         net.Listener
	got        []ReceivedMail
	reject     map[string]bool
	tempFail   bool
	dropData   int
	user, pass string
	sessions   int
	headOnly   bool
}

// StartSMTP starts a server on 127.0.0.1:0 and stops it at cleanup.
func StartSMTP(t testing.TB) *SMTPServer {
	t.Helper()
	s := &SMTPServer{Host: "127.0.0.1", reject: map[string]bool{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtp test server: listen: %v", err)
	}
	s.Port = ln.Addr().(*net.TCPAddr).Port
	s.serve(ln)
	t.Cleanup(s.Stop)
	return s
}

func (s *SMTPServer) serve(ln net.Listener) {
	srv := smtp.NewServer(s)
	srv.Domain = "127.0.0.1"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.MaxMessageBytes = 32 << 20
	srv.MaxRecipients = 10
	s.mu.Lock()
	s.srv, s.ln = srv, ln
	s.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
}

// Stop takes the server down: connections are refused until Start.
func (s *SMTPServer) Stop() {
	s.mu.Lock()
	srv := s.srv
	s.srv = nil
	s.mu.Unlock()
	if srv != nil {
		_ = srv.Close()
	}
}

// Start brings a stopped server back on the same port.
func (s *SMTPServer) Start(t testing.TB) {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort(s.Host, strconv.Itoa(s.Port)))
	if err != nil {
		t.Fatalf("smtp test server: listen again on %d: %v", s.Port, err)
	}
	s.serve(ln)
}

// Reject makes RCPT TO addr fail with 550 (true) or succeed again.
func (s *SMTPServer) Reject(addr string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reject[addr] = on
}

// TempFail makes every RCPT fail with 451 while on.
func (s *SMTPServer) TempFail(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tempFail = on
}

// DropData makes the next n DATA transfers end with the connection cut
// after the first bytes of the message, before any reply.
func (s *SMTPServer) DropData(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropData = n
}

// HeadersOnly makes the server keep only the header of each message it
// accepts, for benchmarks whose memory the stored bodies would distort.
func (s *SMTPServer) HeadersOnly(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.headOnly = on
}

// RequireAuth makes the server demand AUTH PLAIN with these credentials.
func (s *SMTPServer) RequireAuth(user, pass string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user, s.pass = user, pass
}

// Messages returns copies of the accepted messages, in order.
func (s *SMTPServer) Messages() []ReceivedMail {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ReceivedMail, len(s.got))
	copy(out, s.got)
	return out
}

// Sessions counts the connections the server has accepted.
func (s *SMTPServer) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions
}

// NewSession implements smtp.Backend.
func (s *SMTPServer) NewSession(c *smtp.Conn) (smtp.Session, error) {
	s.mu.Lock()
	s.sessions++
	s.mu.Unlock()
	return &smtpSession{s: s, conn: c}, nil
}

type smtpSession struct {
	s      *SMTPServer
	conn   *smtp.Conn
	authed bool
	cur    ReceivedMail
}

var _ smtp.AuthSession = (*smtpSession)(nil)

func (ss *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *smtpSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		ss.s.mu.Lock()
		defer ss.s.mu.Unlock()
		if user != ss.s.user || pass != ss.s.pass {
			return smtp.ErrAuthFailed
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	ss.s.mu.Lock()
	need := ss.s.user != ""
	ss.s.mu.Unlock()
	if need && !ss.authed {
		return smtp.ErrAuthRequired
	}
	ss.cur = ReceivedMail{From: from}
	return nil
}

func (ss *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	if ss.s.tempFail {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	if ss.s.reject[to] {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	ss.cur.To = append(ss.cur.To, to)
	return nil
}

func (ss *smtpSession) Data(r io.Reader) error {
	ss.s.mu.Lock()
	drop := ss.s.dropData > 0
	if drop {
		ss.s.dropData--
	}
	ss.s.mu.Unlock()
	if drop {
		_, _ = io.ReadFull(r, make([]byte, 64))
		_ = ss.conn.Conn().Close()
		return errors.New("connection dropped by test")
	}
	ss.s.mu.Lock()
	headOnly := ss.s.headOnly
	ss.s.mu.Unlock()
	var data []byte
	var err error
	if headOnly {
		data, err = readHeader(r)
	} else {
		data, err = io.ReadAll(r)
	}
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	ss.cur.Data = data
	ss.s.got = append(ss.s.got, ss.cur)
	ss.s.mu.Unlock()
	return nil
}

func (ss *smtpSession) Reset()        { ss.cur = ReceivedMail{} }
func (ss *smtpSession) Logout() error { return nil }

// readHeader keeps the header block and discards the body as it arrives.
func readHeader(r io.Reader) ([]byte, error) {
	br := bufio.NewReader(r)
	var head []byte
	for {
		line, err := br.ReadSlice('\n')
		head = append(head, line...)
		if err != nil {
			return head, err
		}
		if len(line) <= 2 {
			break
		}
	}
	_, err := io.Copy(io.Discard, br)
	return head, err
}
