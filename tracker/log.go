package tracker

// Log attribute keys, shared so logs stay greppable across messages.
const (
	logStory   = "story"
	logURL     = "url"
	logResult  = "result"
	logVersion = "version"
	logSummary = "summary"
	logReason  = "reason"
	logError   = "error"
	logHost    = "host"
	logUntil   = "until"
)

// loggerLike is the part of *slog.Logger the checks use.
type loggerLike interface {
	Debug(msg string, args ...any)
	Info(msg string, args ...any)
	Warn(msg string, args ...any)
	Error(msg string, args ...any)
}
