// Package web serves redline over HTTP: the JSON API under /api/v1 that
// the CLI uses to reach a running daemon, its client, and the newsroom web
// UI. It is transport only: every rule lives in the service it is handed
// (redline.Service, implemented by tracker.Service), and web never imports
// the store.
//
// The JSON shapes are defined once, in views.go, as mappings from the
// domain types, and used by both the API and the CLI's --json output, so
// the two cannot drift apart. Client decodes them back into domain types,
// so it is a redline.Service like the in-process one.
package web
