// Package web serves redline over HTTP: the JSON API under /api/v1 that
// the CLI uses to reach a running daemon, and the newsroom web UI.
//
// The JSON shapes are defined once, in views.go, and used by both the API
// and the CLI's --json output, so the two cannot drift apart.
package web
