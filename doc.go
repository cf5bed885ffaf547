// Package redline holds the domain types shared by every other package:
// stories that are tracked, the articles extracted from them, the versions
// stored for each real edit, the checks that found nothing new, and the
// sentinel errors callers test for with errors.Is.
//
// It imports only the standard library, so every package may depend on it
// and it depends on none of them.
package redline
